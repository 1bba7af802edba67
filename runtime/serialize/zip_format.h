// Zip file format constants and little-endian field helpers shared by the writer
// and the reader (PKWARE APPNOTE 6.3).
#pragma once

#include <cstdint>
#include <string>
#include <zlib.h>

namespace tscript::rt::serialize::zip {

inline constexpr uint32_t kLocalHeaderSig = 0x04034b50;
inline constexpr uint32_t kCentralHeaderSig = 0x02014b50;
inline constexpr uint32_t kDataDescriptorSig = 0x08074b50;
inline constexpr uint32_t kEndSig = 0x06054b50;
inline constexpr uint32_t kZip64EndSig = 0x06064b50;
inline constexpr uint32_t kZip64LocatorSig = 0x07064b50;
inline constexpr size_t kLocalHeaderSize = 30;
inline constexpr size_t kCentralHeaderSize = 46;
inline constexpr size_t kEndSize = 22;
inline constexpr size_t kZip64EndSize = 56;
inline constexpr size_t kZip64LocatorSize = 20;
inline constexpr uint16_t kZip64ExtraId = 0x0001;
// General purpose flags PyTorch sets: sizes in a data descriptor (bit 3), UTF-8 names (bit 11).
inline constexpr uint16_t kFlags = 0x0808;

inline void put16(std::string& s, uint16_t v) {
  s.push_back(static_cast<char>(v & 0xff));
  s.push_back(static_cast<char>(v >> 8));
}
inline void put32(std::string& s, uint32_t v) {
  for (int i = 0; i < 4; ++i) s.push_back(static_cast<char>((v >> (8 * i)) & 0xff));
}
inline void put64(std::string& s, uint64_t v) {
  for (int i = 0; i < 8; ++i) s.push_back(static_cast<char>((v >> (8 * i)) & 0xff));
}
inline uint64_t get_le(const unsigned char* p, int n) {
  uint64_t v = 0;
  for (int i = n - 1; i >= 0; --i) v = (v << 8) | p[i];
  return v;
}

// CRC-32 of any length (zlib takes a uInt length, so large buffers go in pieces).
inline uint32_t crc32_of(const void* data, uint64_t size) {
  uLong crc = crc32(0, nullptr, 0);
  for (uint64_t done = 0; done < size;) {
    uInt n = static_cast<uInt>(size - done < (1u << 30) ? size - done : (1u << 30));
    crc = crc32(crc, static_cast<const Bytef*>(data) + done, n);
    done += n;
  }
  return static_cast<uint32_t>(crc);
}

}  // namespace tscript::rt::serialize::zip
