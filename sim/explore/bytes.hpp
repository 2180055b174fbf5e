// Bytes of a shard file (shard.hpp): little-endian integers, LEB128 varints and doubles by their
// bits, so that a value read back is the value written, on every machine.
#pragma once

#include <cstddef>
#include <cstdint>
#include <stdexcept>
#include <string>
#include <string_view>

#include "model/bits.hpp"

namespace labsim::explore {

// Thrown by ByteReader when the bytes end early or hold an impossible value.
class DamagedBytes : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

class ByteWriter {
 public:
  explicit ByteWriter(std::string& out) : out_(out) {}
  void u64(std::uint64_t v) {
    for (int k = 0; k < 8; ++k) out_.push_back(static_cast<char>((v >> (8 * k)) & 0xff));
  }
  void varint(std::uint64_t v) {
    while (v >= 0x80) {
      out_.push_back(static_cast<char>((v & 0x7f) | 0x80));
      v >>= 7;
    }
    out_.push_back(static_cast<char>(v));
  }
  void i64(std::int64_t v) { u64(static_cast<std::uint64_t>(v)); }
  void f64(double v) { u64(model::bits_of(v)); }

 private:
  std::string& out_;
};

// Reads what ByteWriter wrote, from the front of `in`; throws DamagedBytes past its end.
class ByteReader {
 public:
  explicit ByteReader(std::string_view in) : in_(in) {}
  std::uint64_t u64() {
    need(8);
    std::uint64_t v = 0;
    for (int k = 0; k < 8; ++k) v |= std::uint64_t{static_cast<unsigned char>(in_[at_ + static_cast<std::size_t>(k)])} << (8 * k);
    at_ += 8;
    return v;
  }
  std::uint64_t varint() {
    std::uint64_t v = 0;
    for (int shift = 0; shift < 64; shift += 7) {
      need(1);
      const auto byte = static_cast<unsigned char>(in_[at_++]);
      v |= std::uint64_t{byte & 0x7fu} << shift;
      if (!(byte & 0x80)) return v;
    }
    throw DamagedBytes("a count runs past 64 bits");
  }
  std::int64_t i64() { return static_cast<std::int64_t>(u64()); }
  double f64() { return model::double_of(u64()); }
  bool done() const { return at_ == in_.size(); }
  std::size_t remaining() const { return in_.size() - at_; }

 private:
  void need(std::size_t n) const {
    if (in_.size() - at_ < n) throw DamagedBytes("the data ends early");
  }
  std::string_view in_;
  std::size_t at_ = 0;
};

}  // namespace labsim::explore
