#include "runtime/serialize/zip_writer.h"

#include "runtime/serialize/zip_format.h"

namespace tscript::rt::serialize {

using namespace zip;

ZipWriter::ZipWriter(AtomicFile& out, std::string archive_name, uint64_t zip64_threshold)
    : out_(out), prefix_(std::move(archive_name) + "/"), zip64_threshold_(zip64_threshold) {}

void ZipWriter::write_record(const std::string& name, const void* data, size_t size) {
  Entry e{prefix_ + name, out_.offset(), size, crc32_of(data, size)};
  bool z64 = needs_zip64(e);

  // Local header. Sizes and CRC live in the data descriptor (flag bit 3), as PyTorch writes.
  std::string h;
  put32(h, kLocalHeaderSig);
  put16(h, z64 ? 45 : 0);  // version needed: 4.5 for zip64
  put16(h, kFlags);
  put16(h, 0);  // stored
  put16(h, 0);  // time
  put16(h, 0);  // date
  put32(h, 0);  // crc
  put32(h, z64 ? 0xffffffffu : 0);
  put32(h, z64 ? 0xffffffffu : 0);
  put16(h, static_cast<uint16_t>(e.name.size()));
  std::string extra;
  if (z64) {
    put16(extra, kZip64ExtraId);
    put16(extra, 16);
    put64(extra, 0);
    put64(extra, 0);
  }
  // "FB" padding (PyTorch's getPadding) puts the data at a 64-byte boundary so a
  // reader can map records in place.
  uint64_t start = e.offset + kLocalHeaderSize + e.name.size() + extra.size() + 4;
  uint64_t pad = (kRecordAlignment - start % kRecordAlignment) % kRecordAlignment;
  extra += "FB";
  put16(extra, static_cast<uint16_t>(pad));
  extra.append(pad, 'Z');
  put16(h, static_cast<uint16_t>(extra.size()));
  h += e.name;
  h += extra;
  out_.write(h.data(), h.size());
  out_.write(data, size);

  std::string d;
  put32(d, kDataDescriptorSig);
  put32(d, e.crc);
  if (z64) {
    put64(d, size);
    put64(d, size);
  } else {
    put32(d, static_cast<uint32_t>(size));
    put32(d, static_cast<uint32_t>(size));
  }
  out_.write(d.data(), d.size());
  entries_.push_back(std::move(e));
}

void ZipWriter::finish() {
  uint64_t cd_offset = out_.offset();
  std::string cd;
  for (const Entry& e : entries_) {
    bool big_size = e.size >= zip64_threshold_, big_offset = e.offset >= zip64_threshold_;
    std::string extra;
    if (big_size || big_offset) {
      put16(extra, kZip64ExtraId);
      put16(extra, static_cast<uint16_t>((big_size ? 16 : 0) + (big_offset ? 8 : 0)));
      if (big_size) {
        put64(extra, e.size);
        put64(extra, e.size);
      }
      if (big_offset) put64(extra, e.offset);
    }
    put32(cd, kCentralHeaderSig);
    put16(cd, 0);  // made by (as PyTorch's miniz)
    put16(cd, extra.empty() ? 0 : 45);
    put16(cd, kFlags);
    put16(cd, 0);
    put16(cd, 0);
    put16(cd, 0);
    put32(cd, e.crc);
    put32(cd, big_size ? 0xffffffffu : static_cast<uint32_t>(e.size));
    put32(cd, big_size ? 0xffffffffu : static_cast<uint32_t>(e.size));
    put16(cd, static_cast<uint16_t>(e.name.size()));
    put16(cd, static_cast<uint16_t>(extra.size()));
    put16(cd, 0);  // comment
    put16(cd, 0);  // disk
    put16(cd, 0);  // internal attributes
    put32(cd, 0);  // external attributes
    put32(cd, big_offset ? 0xffffffffu : static_cast<uint32_t>(e.offset));
    cd += e.name;
    cd += extra;
  }
  uint64_t cd_size = cd.size();
  uint64_t n = entries_.size();
  // PyTorch always writes the zip64 end record and locator, then the classic end record.
  uint64_t z64_end = cd_offset + cd_size;
  put32(cd, kZip64EndSig);
  put64(cd, kZip64EndSize - 12);
  put16(cd, 0x031e);  // made by: Unix, 3.0 (miniz's value)
  put16(cd, 45);
  put32(cd, 0);
  put32(cd, 0);
  put64(cd, n);
  put64(cd, n);
  put64(cd, cd_size);
  put64(cd, cd_offset);
  put32(cd, kZip64LocatorSig);
  put32(cd, 0);
  put64(cd, z64_end);
  put32(cd, 1);
  put32(cd, kEndSig);
  put16(cd, 0);
  put16(cd, 0);
  put16(cd, static_cast<uint16_t>(std::min<uint64_t>(n, 0xffff)));
  put16(cd, static_cast<uint16_t>(std::min<uint64_t>(n, 0xffff)));
  put32(cd, static_cast<uint32_t>(std::min<uint64_t>(cd_size, 0xffffffffu)));
  put32(cd, static_cast<uint32_t>(std::min<uint64_t>(cd_offset, 0xffffffffu)));
  put16(cd, 0);
  out_.write(cd.data(), cd.size());
}

}  // namespace tscript::rt::serialize
