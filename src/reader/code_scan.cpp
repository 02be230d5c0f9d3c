// SPDX-License-Identifier: Apache-2.0
// The code scan (code_scan.hpp). Opcodes and immediates follow the core spec 5.4 and the binary
// formats of the proposals, as wasmparser decodes them (bytecodealliance/wasm-tools
// crates/wasmparser/src/binary_reader.rs @ a7ef4778, v1.257): one table lookup per opcode gives
// its immediates and the proposal it belongs to; the loop keeps only a nesting depth, so memory is
// constant whatever the body holds.
#include "code_scan.hpp"

#include <algorithm>
#include <cstring>

#include <fmt/format.h>

#include "sections.hpp"

namespace wasmaudit::detail {
namespace {

// What follows an opcode.
enum Imm : std::uint8_t {
  kNone,
  kIdx,           // one u32 (an index or a label)
  kIdx2,          // two u32
  kBlock,         // a block type; opens a block
  kEnd,           // closes a block (the body's last one ends the body)
  kDelegate,      // a label; closes a legacy `try`
  kBrTable,       // vec(label) label
  kCallIndirect,  // type index, table index (not 0: reference-types)
  kReturnCallRef, // type index (tail-call and function-references)
  kSelectT,       // vec(valtype)
  kRefNull,       // heap type
  kTryTable,      // block type, vec(catch); opens a block
  kMemarg,
  kMemIdx,        // memory.size / memory.grow: a memory index (not 0: multi-memory)
  kI32,
  kI64,
  kF32,
  kF64,
  kResume,        // type index, resume table
  kResumeThrow,   // type index, tag index, resume table
  kPrefixFB,
  kPrefixFC,
  kPrefixFD,
  kPrefixFE,
  kIllegal,
};

constexpr std::uint8_t kNoFeature = 0;
constexpr std::uint8_t slot(Proposal p) { return static_cast<std::uint8_t>(static_cast<std::size_t>(p) + 1); }
constexpr std::uint8_t kSharedExc = FeatureTally::kSharedExceptions + 1;

struct Op {
  Imm imm = kIllegal;
  std::uint8_t feature = kNoFeature;  // 0, or a tally slot + 1
};

constexpr std::array<Op, 256> make_ops() {
  std::array<Op, 256> t{};
  const auto set = [&](unsigned lo, unsigned hi, Imm imm, std::uint8_t f = kNoFeature) {
    for (unsigned i = lo; i <= hi; ++i) t[i] = {imm, f};
  };
  set(0x00, 0x01, kNone);
  set(0x02, 0x04, kBlock);
  set(0x05, 0x05, kNone);
  set(0x06, 0x06, kBlock, slot(Proposal::kLegacyExceptions));  // try
  set(0x07, 0x07, kIdx, slot(Proposal::kLegacyExceptions));    // catch
  set(0x08, 0x08, kIdx, kSharedExc);                            // throw
  set(0x09, 0x09, kIdx, slot(Proposal::kLegacyExceptions));    // rethrow
  set(0x0A, 0x0A, kNone, slot(Proposal::kExceptions));         // throw_ref
  set(0x0B, 0x0B, kEnd);
  set(0x0C, 0x0D, kIdx);
  set(0x0E, 0x0E, kBrTable);
  set(0x0F, 0x0F, kNone);
  set(0x10, 0x10, kIdx);
  set(0x11, 0x11, kCallIndirect);
  set(0x12, 0x12, kIdx, slot(Proposal::kTailCall));               // return_call
  set(0x13, 0x13, kIdx2, slot(Proposal::kTailCall));              // return_call_indirect
  set(0x14, 0x14, kIdx, slot(Proposal::kFunctionReferences));     // call_ref
  set(0x15, 0x15, kReturnCallRef, slot(Proposal::kTailCall));     // return_call_ref
  set(0x18, 0x18, kDelegate, slot(Proposal::kLegacyExceptions));  // delegate
  set(0x19, 0x19, kNone, slot(Proposal::kLegacyExceptions));      // catch_all
  set(0x1A, 0x1B, kNone);
  set(0x1C, 0x1C, kSelectT, slot(Proposal::kReferenceTypes));
  set(0x1F, 0x1F, kTryTable, slot(Proposal::kExceptions));
  set(0x20, 0x24, kIdx);
  set(0x25, 0x26, kIdx, slot(Proposal::kReferenceTypes));  // table.get, table.set
  set(0x28, 0x3E, kMemarg);
  set(0x3F, 0x40, kMemIdx);
  set(0x41, 0x41, kI32);
  set(0x42, 0x42, kI64);
  set(0x43, 0x43, kF32);
  set(0x44, 0x44, kF64);
  set(0x45, 0xBF, kNone);
  set(0xC0, 0xC4, kNone, slot(Proposal::kSignExtension));
  set(0xD0, 0xD0, kRefNull);  // ref.null: its heap type says which proposal
  set(0xD1, 0xD1, kNone, slot(Proposal::kReferenceTypes));
  set(0xD2, 0xD2, kIdx, slot(Proposal::kReferenceTypes));
  set(0xD3, 0xD3, kNone, slot(Proposal::kGc));                  // ref.eq
  set(0xD4, 0xD4, kNone, slot(Proposal::kFunctionReferences));  // ref.as_non_null
  set(0xD5, 0xD6, kIdx, slot(Proposal::kFunctionReferences));   // br_on_null, br_on_non_null
  set(0xE0, 0xE0, kIdx, slot(Proposal::kStackSwitching));       // cont.new
  set(0xE1, 0xE1, kIdx2, slot(Proposal::kStackSwitching));      // cont.bind
  set(0xE2, 0xE2, kIdx, slot(Proposal::kStackSwitching));       // suspend
  set(0xE3, 0xE3, kResume, slot(Proposal::kStackSwitching));    // resume
  set(0xE4, 0xE4, kResumeThrow, slot(Proposal::kStackSwitching));
  set(0xE5, 0xE5, kResume, slot(Proposal::kStackSwitching));    // resume_throw_ref
  set(0xE6, 0xE6, kIdx2, slot(Proposal::kStackSwitching));      // switch
  set(0xFB, 0xFB, kPrefixFB, slot(Proposal::kGc));
  set(0xFC, 0xFC, kPrefixFC);
  set(0xFD, 0xFD, kPrefixFD);
  set(0xFE, 0xFE, kPrefixFE, slot(Proposal::kThreads));
  return t;
}
constexpr std::array<Op, 256> kOps = make_ops();

// Instructions a constant expression may hold (core spec 3.3.11, with extended-const, SIMD and GC):
// anything else there is refused, as wabt and wasmparser do, rather than read past.
constexpr std::array<bool, 256> make_constant() {
  std::array<bool, 256> t{};
  for (unsigned op : {0x0Bu, 0x23u, 0x41u, 0x42u, 0x43u, 0x44u, 0x6Au, 0x6Bu, 0x6Cu, 0x7Cu, 0x7Du, 0x7Eu, 0xD0u, 0xD2u,
                      0xFBu, 0xFDu}) {
    t[op] = true;
  }
  return t;
}
constexpr std::array<bool, 256> kConstant = make_constant();

// The fast loop's view of each opcode (Scanner::run): how to step over it without checks, or
// kStepCareful for the careful path (prefixes, proposals, tables, anything rarer).
enum StepKind : std::uint8_t { kStepCareful, kStepOne, kStepLeb, kStepMemarg, kStepBlock, kStepEnd, kStepFixed };

struct FastStep {
  StepKind kind = kStepCareful;
  std::uint8_t max_leb = 0;  // kStepLeb: the longest LEB128 that needs no range check; kStepFixed: the length
};

constexpr std::array<FastStep, 256> make_fast() {
  std::array<FastStep, 256> t{};
  for (unsigned op = 0; op < 256; ++op) {
    const Op o = kOps[op];
    if (o.feature != kNoFeature) continue;
    switch (o.imm) {
      case kNone: t[op] = {kStepOne, 0}; break;
      case kIdx:
      case kI32: t[op] = {kStepLeb, 4}; break;  // any u32/s32 of up to 4 bytes is in range
      case kI64: t[op] = {kStepLeb, 8}; break;  // any s64 of up to 8 bytes is in range
      case kMemarg: t[op] = {kStepMemarg, 4}; break;
      case kBlock: t[op] = {kStepBlock, 0}; break;
      case kEnd: t[op] = {kStepEnd, 0}; break;
      case kF32: t[op] = {kStepFixed, 5}; break;
      case kF64: t[op] = {kStepFixed, 9}; break;
      default: break;
    }
  }
  return t;
}
constexpr std::array<FastStep, 256> kFast = make_fast();

constexpr std::array<bool, 256> make_value_block_types() {
  std::array<bool, 256> t{};
  t[0x40] = t[0x7C] = t[0x7D] = t[0x7E] = t[0x7F] = true;
  return t;
}
constexpr std::array<bool, 256> kValueBlockType = make_value_block_types();

// 0xFD: SIMD 0x00..0xFF, relaxed SIMD 0x100..0x113. Immediates: a memarg (loads and stores), a
// memarg and a lane, 16 bytes (v128.const, i8x16.shuffle), a lane byte, or nothing.
enum SimdImm : std::uint8_t { kSimdNone, kSimdMemarg, kSimdMemargLane, kSimd16, kSimdLane, kSimdIllegal };
constexpr std::uint32_t kSimdOps = 0x114;

constexpr std::array<SimdImm, kSimdOps> make_simd() {
  std::array<SimdImm, kSimdOps> t{};
  for (auto& x : t) x = kSimdNone;
  for (unsigned i = 0x00; i <= 0x0B; ++i) t[i] = kSimdMemarg;
  t[0x0C] = kSimd16;
  t[0x0D] = kSimd16;
  for (unsigned i = 0x15; i <= 0x22; ++i) t[i] = kSimdLane;
  for (unsigned i = 0x54; i <= 0x5B; ++i) t[i] = kSimdMemargLane;
  t[0x5C] = kSimdMemarg;
  t[0x5D] = kSimdMemarg;
  for (unsigned i : {0x9Au, 0xA2u, 0xA5u, 0xA6u, 0xAFu, 0xB0u, 0xB2u, 0xB3u, 0xB4u, 0xBBu, 0xC2u, 0xC5u, 0xC6u,
                     0xCFu, 0xD0u, 0xD2u, 0xD3u, 0xD4u, 0xE2u, 0xEEu}) {
    t[i] = kSimdIllegal;  // unassigned
  }
  return t;
}
constexpr std::array<SimdImm, kSimdOps> kSimd = make_simd();

/// The length of the LEB128 number at `q` if it ends within 8 bytes, else 0; `q` must have 8
/// bytes readable. One load and a bit scan: the first byte without its continuation bit.
inline unsigned leb_length(const std::uint8_t* q) noexcept {
  std::uint64_t x;
  std::memcpy(&x, q, sizeof x);
  const std::uint64_t stops = ~x & 0x8080808080808080ull;  // little-endian: byte i is bits 8i..8i+7
  return stops == 0 ? 0 : static_cast<unsigned>(__builtin_ctzll(stops) >> 3) + 1;
}

/// A pointer cursor over a body or an expression; file offsets for errors.
struct Cursor {
  const std::uint8_t* p;
  const std::uint8_t* begin;
  const std::uint8_t* end;
  std::uint64_t base;
  const char* within;  // "function body", or "input" (a constant expression: the rest of its section)

  std::uint64_t off(const std::uint8_t* q) const noexcept { return base + static_cast<std::uint64_t>(q - begin); }

  [[noreturn]] void eof(std::string_view what) const {
    ByteReader::fail(off(end), fmt::format("unexpected end of {} reading {}", within, what));
  }
  void need(std::size_t n, std::string_view what) const {
    if (static_cast<std::size_t>(end - p) < n) eof(what);
  }
  std::uint8_t byte(std::string_view what) {
    if (p == end) eof(what);
    return *p++;
  }

  // Slow paths: the shared ByteReader decoders, with their LEB128 checks and messages.
  ByteReader reader() const { return ByteReader({p, static_cast<std::size_t>(end - p)}, off(p)); }
  void advance(const ByteReader& r) { p = begin + (r.offset() - base); }
  template <typename F>
  auto with_reader(F&& f) {
    ByteReader r = reader();
    try {
      auto v = f(r);
      advance(r);
      return v;
    } catch (const DecodeError& e) {
      constexpr std::string_view kEof = "unexpected end of input";
      const std::string_view message = e.what();
      if (e.offset() == off(end) && message.starts_with(kEof)) {
        ByteReader::fail(e.offset(), fmt::format("unexpected end of {}{}", within, message.substr(kEof.size())));
      }
      throw;
    }
  }

  // LEB128 fast paths: with 5 (or 10) bytes left no bounds check is needed, and a well-formed
  // number is decoded inline; anything else (near the end, over-long, too large) goes to the
  // shared decoder, which reports it.
  std::uint32_t u32(std::string_view what) {
    const std::uint8_t* q = p;
    if (end - q >= 5) {
      std::uint32_t b = q[0];
      if (b < 0x80) {
        p = q + 1;
        return b;
      }
      std::uint32_t v = b & 0x7F;
      b = q[1];
      v |= (b & 0x7F) << 7;
      if (b < 0x80) {
        p = q + 2;
        return v;
      }
      b = q[2];
      v |= (b & 0x7F) << 14;
      if (b < 0x80) {
        p = q + 3;
        return v;
      }
      b = q[3];
      v |= (b & 0x7F) << 21;
      if (b < 0x80) {
        p = q + 4;
        return v;
      }
      b = q[4];
      if (b < 0x10) {
        p = q + 5;
        return v | (b << 28);
      }
    } else if (q < end && *q < 0x80) {
      return *p++;
    }
    return with_reader([&](ByteReader& r) { return r.read_u32(what); });
  }
  std::uint64_t u64(std::string_view what) {
    if (p < end && *p < 0x80) return *p++;
    return with_reader([&](ByteReader& r) { return r.read_u64(what); });
  }
  void s32(std::string_view what) {
    const std::uint8_t* q = p;
    if (end - q >= 5) {
      for (int i = 0; i < 4; ++i) {
        if (q[i] < 0x80) {
          p = q + i + 1;
          return;
        }
      }
      // The fifth byte: 4 payload bits, then the sign extended through bits 4 to 6.
      if (q[4] <= 0x07 || (q[4] >= 0x78 && q[4] <= 0x7F)) {
        p = q + 5;
        return;
      }
    } else if (q < end && *q < 0x80) {
      ++p;
      return;
    }
    with_reader([&](ByteReader& r) { return r.read_s32(what); });
  }
  void s64(std::string_view what) {
    const std::uint8_t* q = p;
    if (end - q >= 10) {
      for (int i = 0; i < 9; ++i) {
        if (q[i] < 0x80) {
          p = q + i + 1;
          return;
        }
      }
      if (q[9] == 0x00 || q[9] == 0x7F) {  // the tenth byte: one payload bit, the sign
        p = q + 10;
        return;
      }
    } else if (q < end && *q < 0x80) {
      ++p;
      return;
    }
    with_reader([&](ByteReader& r) { return r.read_s64(what); });
  }
  ValType val_type(std::string_view what) {
    return with_reader([&](ByteReader& r) { return read_val_type(r, what); });
  }
  /// heaptype: an abstract heap type byte or a type index (s33), as the nullable reference to it.
  ValType heap_type() {
    return with_reader([&](ByteReader& r) {
      ValType t{ValType::Kind::kRef, true, false, 0};
      read_heap_type(r, t);
      return t;
    });
  }
};

class Scanner {
 public:
  Scanner(const Module& m, FeatureTally& tally) : m_(m), t_(tally) {
    for (const auto& mem : m.memories) memory64_ = memory64_ || mem.type.limits.is64;
  }

  /// Decodes instructions from c.p until the `end` that closes depth 1; returns with c.p after it.
  template <bool kConst>
  void run(Cursor& c) {
    std::uint64_t depth = 1;
    for (;;) {
      if constexpr (!kConst) {
        // The common instructions, with the cursor in registers and no bounds check but one per
        // instruction: those without immediates, with one LEB128 of at most 4 bytes (8 for
        // i64.const), a plain memory argument, a value block type. Anything else, anything that
        // uses a proposal, and the last 16 bytes go the careful way below.
        const std::uint8_t* p = c.p;
        const std::uint8_t* const end = c.end;
        std::uint64_t d = depth;  // a register copy
        // One-byte immediates are tested first: a predicted branch, so the next opcode's address
        // does not wait for a load. 24 bytes left cover the opcode, 9 fixed bytes and an 8-byte load.
        while (end - p >= 24) {
          const FastStep e = kFast[*p];
          if (e.kind == kStepOne) {
            p += 1;
          } else if (e.kind == kStepLeb) {
            if (p[1] < 0x80) {
              p += 2;
            } else {
              const unsigned n = leb_length(p + 1);
              if (n - 1 >= e.max_leb) break;
              p += 1 + n;
            }
          } else if (e.kind == kStepMemarg) {
            if (p[1] >= 0x40) break;
            if (p[2] < 0x80) {
              p += 3;
            } else {
              const unsigned n = leb_length(p + 2);
              if (n - 1 >= 4) break;
              p += 2 + n;
            }
          } else if (e.kind == kStepEnd) {
            if (d == 1) break;  // the body's own end: checked below
            --d;
            p += 1;
          } else if (e.kind == kStepBlock) {
            if (!kValueBlockType[p[1]]) break;
            ++d;
            p += 2;
          } else if (e.kind == kStepFixed) {
            p += e.max_leb;  // f32.const, f64.const: the opcode and 4 or 8 bytes
          } else {
            break;
          }
        }
        depth = d;
        c.p = p;
      }
      if (c.p == c.end) {
        ByteReader::fail(c.off(c.end), kConst ? std::string("unexpected end of input reading constant expression")
                                              : "unexpected end of function body: END opcode expected");
      }
      const std::uint8_t* at = c.p;
      const std::uint8_t op = *c.p++;
      const Op o = kOps[op];
      if constexpr (kConst) {
        if (!kConstant[op]) ByteReader::fail(c.off(at), fmt::format("unsupported opcode 0x{:02x} in constant expression", op));
        const_ = true;
      }
      if (o.feature != kNoFeature) t_.use(o.feature - 1u, c.off(at), 1, *at);
      switch (o.imm) {
        case kNone:
          if constexpr (kConst) {
            if (op == 0x6A || op == 0x6B || op == 0x6C || op == 0x7C || op == 0x7D || op == 0x7E) {
              t_.use(Proposal::kExtendedConst, c.off(at), 1, *at);
            }
          }
          break;
        case kIdx:
          if constexpr (kConst) {
            if (op == 0x23) {  // global.get of a defined global: GC's constant expressions
              if (c.u32("global index") >= imported_globals()) t_.use(Proposal::kGc, c.off(at), 1, *at);
              break;
            }
          }
          c.u32("index");
          break;
        case kIdx2:
          c.u32("index");
          c.u32("index");
          break;
        case kBlock:
          block_type(c, at);
          ++depth;
          break;
        case kEnd:
          if (--depth == 0) return;
          break;
        case kDelegate:
          c.u32("delegate label");
          if (--depth == 0) ByteReader::fail(c.off(at), "delegate outside a try block");
          break;
        case kBrTable: {
          const std::uint32_t n = c.u32("br_table target count");
          if (n > static_cast<std::size_t>(c.end - c.p)) c.eof("br_table targets");
          for (std::uint32_t i = 0; i <= n; ++i) c.u32("br_table target");
          break;
        }
        case kCallIndirect:
          c.u32("type index");
          if (c.p < c.end && *c.p == 0) {
            ++c.p;
          } else {  // a table other than 0, or 0 written in more than one byte
            c.u32("table index");
            t_.use(Proposal::kReferenceTypes, c.off(at), 1, *at);
          }
          break;
        case kReturnCallRef:
          t_.use(Proposal::kFunctionReferences, c.off(at), 1, *at);
          c.u32("type index");
          break;
        case kSelectT: {
          const std::uint32_t n = c.u32("select type count");
          if (n > static_cast<std::size_t>(c.end - c.p)) c.eof("select types");
          for (std::uint32_t i = 0; i < n; ++i) note_val_type(c.val_type("select type"), c.off(at), t_);
          break;
        }
        case kRefNull:
          note_val_type(c.heap_type(), c.off(at), t_);
          break;
        case kTryTable: {
          block_type(c, at);
          const std::uint32_t n = c.u32("catch count");
          if (n > static_cast<std::size_t>(c.end - c.p)) c.eof("catch clauses");
          for (std::uint32_t i = 0; i < n; ++i) {
            const std::uint8_t* kind_at = c.p;
            const std::uint8_t kind = c.byte("catch kind");
            if (kind > 3) ByteReader::fail(c.off(kind_at), fmt::format("invalid catch kind 0x{:02x} (0 to 3)", kind));
            if (kind < 2) c.u32("catch tag");
            c.u32("catch label");
          }
          ++depth;
          break;
        }
        case kMemarg:
          memarg(c, at);
          break;
        case kMemIdx:
          if (c.p < c.end && *c.p == 0) {
            ++c.p;
          } else {
            c.u32("memory index");
            t_.use(Proposal::kMultiMemory, c.off(at), 1, *at);
          }
          break;
        case kI32:
          c.s32("i32.const immediate");
          break;
        case kI64:
          c.s64("i64.const immediate");
          break;
        case kF32:
          c.need(4, "f32.const immediate");
          c.p += 4;
          break;
        case kF64:
          c.need(8, "f64.const immediate");
          c.p += 8;
          break;
        case kResume:
          c.u32("type index");
          resume_table(c);
          break;
        case kResumeThrow:
          c.u32("type index");
          c.u32("tag index");
          resume_table(c);
          break;
        case kPrefixFB:
          prefix_fb(c, at);
          break;
        case kPrefixFC:
          prefix_fc(c, at);
          break;
        case kPrefixFD:
          prefix_fd(c, at);
          break;
        case kPrefixFE:
          prefix_fe(c, at);
          break;
        case kIllegal:
          ByteReader::fail(c.off(at), fmt::format("illegal opcode 0x{:02x}", op));
      }
    }
  }

 private:
  std::uint32_t imported_globals() {
    if (imported_globals_ == kUnknown) {
      imported_globals_ = static_cast<std::uint32_t>(
          std::count_if(m_.globals.begin(), m_.globals.end(), [](const Global& g) { return g.imported; }));
    }
    return imported_globals_;
  }

  // blocktype ::= 0x40 | valtype | s33 type index (multi-value).
  void block_type(Cursor& c, const std::uint8_t* op) {
    const std::uint8_t* at = c.p;
    if (c.p == c.end) c.eof("block type");
    const std::uint8_t b = *c.p;
    if (b == 0x40) {
      ++c.p;
    } else if (b == 0x7F || b == 0x7E || b == 0x7D || b == 0x7C) {
      ++c.p;
    } else if ((b & 0xC0) == 0x40) {  // a one-byte negative s33: any other value type
      note_val_type(c.val_type("block type"), c.off(op), t_);
    } else {
      const std::int64_t index = c.with_reader([&](ByteReader& r) { return r.read_s33("block type"); });
      if (index < 0) ByteReader::fail(c.off(at), fmt::format("invalid block type {}", index));
      t_.use(Proposal::kMultiValue, c.off(op), 1, *op);
    }
  }

  void memarg(Cursor& c, const std::uint8_t* at) {
    const std::uint8_t* flags_at = c.p;
    const std::uint32_t flags = c.u32("memory argument alignment");
    if (flags >= 0x80) {
      ByteReader::fail(c.off(flags_at),
                       fmt::format("malformed memop flags 0x{:x} (an alignment below 64, plus 64 when a memory index "
                                   "follows)",
                                   flags));
    }
    if (flags & 0x40) {
      c.u32("memory index");
      t_.use(Proposal::kMultiMemory, c.off(at), 1, *at);
    }
    if (memory64_) {
      c.u64("memory argument offset");
    } else {
      c.u32("memory argument offset");
    }
  }

  void resume_table(Cursor& c) {
    const std::uint32_t n = c.u32("resume table count");
    if (n > static_cast<std::size_t>(c.end - c.p)) c.eof("resume table");
    for (std::uint32_t i = 0; i < n; ++i) {
      const std::uint8_t* kind_at = c.p;
      const std::uint8_t kind = c.byte("handler kind");
      if (kind > 1) ByteReader::fail(c.off(kind_at), fmt::format("invalid handler kind 0x{:02x} (0 or 1)", kind));
      c.u32("tag index");
      if (kind == 0) c.u32("label");
    }
  }

  void prefix_fb(Cursor& c, const std::uint8_t* at) {
    const std::uint32_t sub = c.u32("0xfb opcode");
    // struct.new(_default), array.new(_default, _fixed), any.convert_extern, extern.convert_any, ref.i31
    if (const_ && !(sub <= 0x01 || (sub >= 0x06 && sub <= 0x08) || (sub >= 0x1A && sub <= 0x1C))) {
      ByteReader::fail(c.off(at), fmt::format("unsupported opcode 0xfb {} in constant expression", sub));
    }
    switch (sub) {
      case 0x00: case 0x01: case 0x06: case 0x07: case 0x0B: case 0x0C: case 0x0D: case 0x0E: case 0x10:
        c.u32("type index");
        break;
      case 0x02: case 0x03: case 0x04: case 0x05: case 0x08: case 0x09: case 0x0A: case 0x11: case 0x12: case 0x13:
        c.u32("type index");
        c.u32("index");
        break;
      case 0x0F: case 0x1A: case 0x1B: case 0x1C: case 0x1D: case 0x1E:
        break;
      case 0x14: case 0x15: case 0x16: case 0x17:
        c.heap_type();
        break;
      case 0x18: case 0x19: {  // br_on_cast(_fail): flags, label, two heap types
        const std::uint8_t* flags_at = c.p;
        const std::uint8_t flags = c.byte("cast flags");
        if (flags > 3) ByteReader::fail(c.off(flags_at), fmt::format("invalid cast flags 0x{:02x} (0 to 3)", flags));
        c.u32("label");
        c.heap_type();
        c.heap_type();
        break;
      }
      default:
        ByteReader::fail(c.off(at), fmt::format("unknown opcode 0xfb 0x{:x}", sub));
    }
  }

  void prefix_fc(Cursor& c, const std::uint8_t* at) {
    const std::uint32_t sub = c.u32("0xfc opcode");
    const std::uint64_t where = c.off(at);
    if (sub <= 0x07) {
      t_.use(Proposal::kSaturatingFloatToInt, where, 1, *at);
      return;
    }
    if (sub >= 0x13 && sub <= 0x16) {
      t_.use(Proposal::kWideArithmetic, where, 1, *at);
      return;
    }
    switch (sub) {
      case 0x08:  // memory.init data memory
      case 0x09:  // data.drop data
        if (!m_.data_count) {
          ByteReader::fail(where, fmt::format("{} needs a data count section, and the module has none",
                                              sub == 0x08 ? "memory.init" : "data.drop"));
        }
        t_.use(Proposal::kBulkMemory, where, 1, *at);
        c.u32("data index");
        if (sub == 0x08) memory_index(c, at);
        return;
      case 0x0A:  // memory.copy dst src
        t_.use(Proposal::kBulkMemory, where, 1, *at);
        memory_index(c, at);
        memory_index(c, at);
        return;
      case 0x0B:  // memory.fill
        t_.use(Proposal::kBulkMemory, where, 1, *at);
        memory_index(c, at);
        return;
      case 0x0C:  // table.init elem table
      case 0x0E:  // table.copy dst src
        t_.use(Proposal::kBulkMemory, where, 1, *at);
        c.u32("index");
        table_index(c, at);
        return;
      case 0x0D:  // elem.drop
        t_.use(Proposal::kBulkMemory, where, 1, *at);
        c.u32("element index");
        return;
      case 0x0F: case 0x10: case 0x11:  // table.grow, table.size, table.fill
        t_.use(Proposal::kReferenceTypes, where, 1, *at);
        c.u32("table index");
        return;
      default:
        ByteReader::fail(where, fmt::format("unknown opcode 0xfc 0x{:x}", sub));
    }
  }

  void memory_index(Cursor& c, const std::uint8_t* at) {
    const std::uint64_t where = c.off(at);
    if (c.p < c.end && *c.p == 0) {
      ++c.p;
      return;
    }
    c.u32("memory index");
    t_.use(Proposal::kMultiMemory, where, 1, *at);
  }
  void table_index(Cursor& c, const std::uint8_t* at) {
    const std::uint64_t where = c.off(at);
    if (c.p < c.end && *c.p == 0) {
      ++c.p;
      return;
    }
    c.u32("table index");
    t_.use(Proposal::kReferenceTypes, where, 1, *at);
  }

  void prefix_fd(Cursor& c, const std::uint8_t* at) {
    const std::uint32_t sub = c.u32("0xfd opcode");
    const std::uint64_t where = c.off(at);
    if (const_ && sub != 0x0C) {  // v128.const only
      ByteReader::fail(where, fmt::format("unsupported opcode 0xfd {} in constant expression", sub));
    }
    if (sub >= kSimdOps || kSimd[sub] == kSimdIllegal) {
      ByteReader::fail(where, fmt::format("unknown opcode 0xfd 0x{:x}", sub));
    }
    const Proposal simd = sub >= 0x100 ? Proposal::kRelaxedSimd : Proposal::kSimd;
    t_.use(simd, where, 1, *at);
    t_.sub_opcode(simd, where, sub);  // V8 names it: "Invalid prefixed opcode 257"
    switch (kSimd[sub]) {
      case kSimdMemarg:
        memarg(c, at);
        break;
      case kSimdMemargLane:
        memarg(c, at);
        c.byte("lane index");
        break;
      case kSimd16:
        c.need(16, sub == 0x0C ? "v128.const immediate" : "i8x16.shuffle lanes");
        c.p += 16;
        break;
      case kSimdLane:
        c.byte("lane index");
        break;
      default:
        break;
    }
  }

  void prefix_fe(Cursor& c, const std::uint8_t* at) {
    const std::uint32_t sub = c.u32("0xfe opcode");
    t_.sub_opcode(Proposal::kThreads, c.off(at), sub);  // named in errors: "i32.atomic.load invalid as …"
    if (sub == 0x03) {  // atomic.fence and its reserved byte
      const std::uint8_t* z = c.p;
      if (c.byte("atomic.fence reserved byte") != 0) ByteReader::fail(c.off(z), "nonzero byte after atomic.fence");
      return;
    }
    if (sub > 0x4E || (sub > 0x03 && sub < 0x10)) {
      ByteReader::fail(c.off(at), fmt::format("unknown opcode 0xfe 0x{:x}", sub));
    }
    memarg(c, at);
  }

  static constexpr std::uint32_t kUnknown = 0xFFFFFFFF;
  const Module& m_;
  FeatureTally& t_;
  bool memory64_ = false;
  bool const_ = false;  // decoding a constant expression
  std::uint32_t imported_globals_ = kUnknown;
};

Cursor cursor_over(const ByteReader& r, const char* within) {
  const auto rest = r.rest();
  return Cursor{rest.data(), rest.data(), rest.data() + rest.size(), r.offset(), within};
}

/// The body's final `end` must be its last byte.
void finish_body(const Cursor& c) {
  if (c.p != c.end) {
    ByteReader::fail(c.off(c.p), fmt::format("{} after the end of the function body",
                                            c.end - c.p == 1 ? std::string("1 byte")
                                                             : fmt::format("{} bytes", c.end - c.p)));
  }
}

bool is_gc_heap(std::uint32_t heap) {
  switch (static_cast<AbstractHeapType>(heap)) {
    case AbstractHeapType::kFunc:
    case AbstractHeapType::kExtern:
    case AbstractHeapType::kExn:
    case AbstractHeapType::kNoExn:
      return false;
    default:
      return true;
  }
}

}  // namespace

void note_val_type(const ValType& type, std::uint64_t at, FeatureTally& tally) noexcept {
  if (type.kind == ValType::Kind::kV128) {
    tally.use(Proposal::kSimd, at);
    return;
  }
  if (type.kind != ValType::Kind::kRef) return;
  if (type.heap_is_index) {
    tally.use(Proposal::kFunctionReferences, at);
    return;
  }
  const auto heap = static_cast<AbstractHeapType>(type.heap);
  if (heap == AbstractHeapType::kExn || heap == AbstractHeapType::kNoExn) {
    tally.use(Proposal::kExceptions, at);
  } else if (is_gc_heap(type.heap)) {
    tally.use(Proposal::kGc, at);
  } else {
    tally.use(Proposal::kReferenceTypes, at);
  }
  if (!type.nullable) tally.use(Proposal::kFunctionReferences, at);
}

void scan_const_expr(ByteReader& r, const Module& m, FeatureTally& tally) {
  // Nearly every constant expression is `i32.const N end` or `i64.const N end` (data and element
  // offsets: Go writes tens of thousands): stepped over at once when N is short enough to need
  // no range check.
  const auto rest = r.rest();
  if (rest.size() >= 10 && (rest[0] == 0x41 || rest[0] == 0x42)) {
    const unsigned n = leb_length(rest.data() + 1);
    if (n != 0 && n <= 4 && rest[1 + n] == 0x0B) {
      r.skip(n + 2, "constant expression");
      return;
    }
  }
  Cursor c = cursor_over(r, "input");  // the rest of the section: "unexpected end of input reading …"
  Scanner(m, tally).run<true>(c);
  r.skip(static_cast<std::size_t>(c.p - c.begin), "constant expression");
}

void scan_function_body(ByteReader body, const Module& m, FeatureTally& tally) {
  // Local declarations: a count of (n, valtype) pairs; the locals in all must stay below 2^32.
  const std::uint64_t decl_at = body.offset();
  if (const auto rest = body.rest(); !rest.empty() && rest[0] == 0) {  // no locals: the common case
    body.skip(1, "local declaration count");
    Cursor c = cursor_over(body, "function body");
    Scanner(m, tally).run<false>(c);
    finish_body(c);
    return;
  }
  const std::uint32_t groups = body.read_count("local declaration count", 2, std::numeric_limits<std::uint32_t>::max());
  std::uint64_t locals = 0;
  for (std::uint32_t i = 0; i < groups; ++i) {
    const std::uint64_t at = body.offset();
    locals += body.read_u32("local count");
    if (locals > std::numeric_limits<std::uint32_t>::max()) {
      ByteReader::fail(decl_at, fmt::format("too many locals: {} or more declared (the limit is 2^32 - 1)", locals));
    }
    note_val_type(read_val_type(body, "local type"), at, tally);
  }
  Cursor c = cursor_over(body, "function body");
  Scanner(m, tally).run<false>(c);
  finish_body(c);
}

std::vector<FeatureUse> finish_features(const Module& m, const FeatureTally& scanned) {
  FeatureTally t = scanned;
  t.function = FeatureTally::kNoFunction;  // declarations are in no function
  for (const auto& type : m.types) {
    if (type.kind == CompositeKind::kCont) {
      t.use(Proposal::kStackSwitching, type.range.offset);
      continue;
    }
    if (type.kind != CompositeKind::kFunc || type.gc_form) t.use(Proposal::kGc, type.range.offset);
    if (type.kind != CompositeKind::kFunc) continue;
    if (type.func.results.size() > 1) t.use(Proposal::kMultiValue, type.range.offset);
    for (const auto& v : type.func.params) note_val_type(v, type.range.offset, t);
    for (const auto& v : type.func.results) note_val_type(v, type.range.offset, t);
  }
  const auto limits = [&](const Limits& l, std::uint64_t at) {
    if (l.shared) t.use(Proposal::kThreads, at);
    if (l.is64) t.use(Proposal::kMemory64, at);
    if (l.page_size_log2) t.use(Proposal::kCustomPageSizes, at);
  };
  for (const auto& imp : m.imports) {
    if (imp.kind == ExternKind::kGlobal) {
      if (imp.global.is_mutable) t.use(Proposal::kMutableGlobal, imp.range.offset);
      note_val_type(imp.global.type, imp.range.offset, t);
    } else if (imp.kind == ExternKind::kTag) {
      t.use(FeatureTally::kSharedExceptions, imp.range.offset);
    }
  }
  for (const auto& mem : m.memories) limits(mem.type.limits, mem.range.offset);
  if (m.memories.size() > 1) {
    // A decoder counts memories when it reads the memory section's count, before any entry.
    std::uint64_t at = m.memories[1].range.offset;
    if (!m.memories[1].imported) {
      for (const auto& s : m.sections) {
        if (s.id == 5) at = s.payload.offset;
      }
    }
    t.use(Proposal::kMultiMemory, at);
  }
  for (std::size_t i = 0; i < m.tables.size(); ++i) {
    const auto& tab = m.tables[i];
    limits(tab.type.limits, tab.range.offset);
    if (tab.type.element != ValType::funcref()) note_val_type(tab.type.element, tab.range.offset, t);  // 1.0 has funcref tables
    if (i == 1) t.use(Proposal::kReferenceTypes, tab.range.offset);
  }
  for (const auto& g : m.globals) {
    if (!g.imported) note_val_type(g.type.type, g.range.offset, t);
  }
  for (const auto& tag : m.tags) {
    if (!tag.imported) t.use(FeatureTally::kSharedExceptions, tag.range.offset);
  }
  for (const auto& e : m.exports) {
    if (e.kind == ExternKind::kGlobal && e.index < m.globals.size() && m.globals[e.index].type.is_mutable) {
      t.use(Proposal::kMutableGlobal, e.range.offset);
    }
  }
  if (m.data_count) {
    for (const auto& s : m.sections) {
      if (s.id == 12) t.use(Proposal::kBulkMemory, s.range.offset);
    }
  }
  // Tags and `throw` belong to whichever exception proposal the code uses; legacy when both.
  const std::size_t shared = FeatureTally::kSharedExceptions;
  if (t.count[shared] > 0) {
    const bool legacy = t.count[static_cast<std::size_t>(Proposal::kLegacyExceptions)] > 0;
    t.function = t.first_function[shared];
    t.use(legacy ? Proposal::kLegacyExceptions : Proposal::kExceptions, t.first[shared], t.count[shared],
          t.first_opcode[shared]);
  }
  std::vector<FeatureUse> out;
  for (Proposal p : all_proposals()) {
    const auto i = static_cast<std::size_t>(p);
    if (t.count[i] == 0) continue;
    FeatureUse use{p, t.first[i], t.count[i], std::nullopt, false, std::nullopt, std::nullopt};
    if (t.first_opcode[i] >= 0) use.opcode = static_cast<std::uint8_t>(t.first_opcode[i]);
    if (t.first_sub[i] != FeatureTally::kNoSub) use.sub_opcode = t.first_sub[i];
    if (t.first_function[i] != FeatureTally::kNoFunction) use.function = t.first_function[i];
    if (p == Proposal::kExceptions && t.count[i] == t.count[FeatureTally::kSharedExceptions]) use.tags_only = true;
    out.push_back(use);
  }
  std::stable_sort(out.begin(), out.end(), [](const FeatureUse& a, const FeatureUse& b) { return a.offset < b.offset; });
  return out;
}

}  // namespace wasmaudit::detail
