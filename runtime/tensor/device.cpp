#include "runtime/tensor/device.h"

#include <cctype>

#include "runtime/tensor/error.h"

namespace tscript::rt {

Device Device::parse(std::string_view text) {
  std::string_view kind = text;
  int index = -1;
  size_t colon = text.find(':');
  if (colon != std::string_view::npos) {
    kind = text.substr(0, colon);
    std::string_view digits = text.substr(colon + 1);
    bool ok = !digits.empty() && digits.size() < 6;
    for (char c : digits) ok = ok && std::isdigit(static_cast<unsigned char>(c));
    TS_CHECK(ok, "Invalid device string: '", text, "'");
    index = std::stoi(std::string(digits));
  }
  if (kind == "cpu") {
    TS_CHECK(index <= 0, "Device index must be -1 or zero for CPU, got ", index);
    return Device(DeviceType::CPU, static_cast<int16_t>(index));
  }
  if (kind == "cuda") return Device(DeviceType::CUDA, static_cast<int16_t>(index));
  TS_ERROR("Expected one of cpu, cuda, ipu, xpu, mkldnn, opengl, opencl, ideep, hip, ve, ort, mps, "
           "xla, lazy, vulkan, meta, hpu device type at start of device string: ",
           text);
}

std::string Device::str() const {
  std::string s = type_name();
  if (index >= 0) s += ":" + std::to_string(index);
  return s;
}

void check_device_available(Device device) {
  if (device.is_cpu()) return;
  throw_error(ErrorKind::Assertion, "Torch not compiled with CUDA enabled");
}

}  // namespace tscript::rt
