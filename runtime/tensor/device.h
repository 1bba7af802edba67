// Where a tensor's data lives. Only the CPU has a back end today; a CUDA device
// is still a valid value (torch.device("cuda:0") works) but ops reject it.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace tscript::rt {

enum class DeviceType : uint8_t { CPU, CUDA };

struct Device {
  DeviceType type = DeviceType::CPU;
  int16_t index = -1;  // -1: "the current one"

  constexpr Device() = default;
  constexpr Device(DeviceType t, int16_t i = -1) : type(t), index(i) {}  // NOLINT: implicit on purpose

  // Parses "cpu", "cuda", "cuda:1" with PyTorch's error messages.
  static Device parse(std::string_view text);

  bool is_cpu() const { return type == DeviceType::CPU; }
  bool is_cuda() const { return type == DeviceType::CUDA; }
  std::string str() const;  // "cpu", "cuda", "cuda:0"
  // The type alone: "cpu" / "cuda" (torch.device.type).
  const char* type_name() const { return type == DeviceType::CPU ? "cpu" : "cuda"; }

  friend bool operator==(const Device& a, const Device& b) = default;
};

inline constexpr Device kCPU{};

// Throws (AssertionError "Torch not compiled with CUDA enabled") unless a back end
// for the device is built in.
void check_device_available(Device device);

}  // namespace tscript::rt
