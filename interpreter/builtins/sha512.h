// SHA-512 (FIPS 180-4), for CPython-compatible `random.seed(str)`, which seeds from
// the string's UTF-8 bytes followed by their SHA-512 digest.
#pragma once

#include <array>
#include <cstdint>
#include <string_view>

namespace tscript {

std::array<uint8_t, 64> sha512(std::string_view data);

}  // namespace tscript
