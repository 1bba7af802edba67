import torch


class ToTensor:
    """uint8 [H, W] -> float32 [1, H, W] in [0, 1], as torchvision's ToTensor on a PIL image."""

    def __call__(self, img):
        return img.to(torch.float32).div(255).unsqueeze(0)
