#pragma once
// The one decoding rule for text that comes from outside: file contents,
// paths, git metadata, model replies and child-process output. Stored and
// written text (database, logs, releases) is always valid UTF-8.
//
// The rule: every well-formed UTF-8 sequence is kept as it is; every other
// byte is read as its Windows-1252 character (which agrees with Latin-1 on
// 0xA0-0xFF), and the five bytes Windows-1252 leaves undefined (0x81, 0x8D,
// 0x8F, 0x90, 0x9D) as the C1 control of the same number. So every byte
// sequence decodes, a Latin-1 or Windows-1252 file comes out as its author
// wrote it, and UTF-8 cut off mid-character keeps everything before the cut.
#include <cstddef>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

namespace kq {

struct DecodedText {
  std::string text;                 // valid UTF-8
  std::size_t foreign_bytes = 0;    // bytes read as Windows-1252; 0 when the input was UTF-8
  bool was_utf8() const { return foreign_bytes == 0; }
};

bool is_valid_utf8(std::string_view bytes);

DecodedText decode_text(std::string_view bytes);

// decode_text(bytes).text, returned unchanged (no copy of the rule) when valid.
std::string to_utf8(std::string_view bytes);

// "utf-8", or "windows-1252 (N bytes)" for a note or an analysis field.
std::string describe_encoding(const DecodedText& d);

// JSON text that is valid UTF-8 whatever the document holds: the last guard
// behind the decoding at the entry points (a string that slipped through is
// written with U+FFFD in place of its bad bytes instead of throwing).
std::string dump_json(const nlohmann::json& j, int indent = -1);

}  // namespace kq
