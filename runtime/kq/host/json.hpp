#pragma once
// A minimal JSON object writer for result.json:
//   {"status": "pass", "kernel_ms": 0.12, "device": "...", "error": ""}
#include <cmath>
#include <cstdio>
#include <string>

namespace kq {

inline std::string json_escape(const std::string& s) {
  std::string out;
  out.reserve(s.size() + 2);
  for (const char ch : s) {
    const unsigned char c = static_cast<unsigned char>(ch);
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      default:
        if (c < 0x20) {
          char buf[8];
          std::snprintf(buf, sizeof buf, "\\u%04x", c);
          out += buf;
        } else {
          out += ch;
        }
    }
  }
  return out;
}

// Builds one flat JSON object, keys in insertion order.
class JsonObject {
 public:
  JsonObject& add(const char* key, const std::string& value) { return raw(key, "\"" + json_escape(value) + "\""); }
  JsonObject& add(const char* key, const char* value) { return add(key, std::string(value ? value : "")); }
  JsonObject& add(const char* key, double value) {
    if (!std::isfinite(value)) return raw(key, "null");
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.17g", value);
    return raw(key, buf);
  }
  JsonObject& add(const char* key, long long value) { return raw(key, std::to_string(value)); }
  JsonObject& add(const char* key, int value) { return raw(key, std::to_string(value)); }
  JsonObject& add(const char* key, bool value) { return raw(key, value ? "true" : "false"); }
  JsonObject& raw(const char* key, const std::string& json) {
    body_ += body_.empty() ? "" : ", ";
    body_ += "\"" + json_escape(key) + "\": " + json;
    return *this;
  }
  std::string str() const { return "{" + body_ + "}"; }

 private:
  std::string body_;
};

inline bool write_text_file(const char* path, const std::string& text) {
  std::FILE* f = std::fopen(path, "wb");
  if (!f) return false;
  const bool ok = std::fwrite(text.data(), 1, text.size(), f) == text.size();
  return std::fclose(f) == 0 && ok;
}

// result.json of one run. kernel_ms < 0 is written as null (not measured).
inline bool write_result_json(const char* path, const std::string& status, double kernel_ms,
                              const std::string& device, const std::string& error) {
  JsonObject o;
  o.add("status", status);
  if (kernel_ms < 0)
    o.raw("kernel_ms", "null");
  else
    o.add("kernel_ms", kernel_ms);
  o.add("device", device).add("error", error);
  return write_text_file(path, o.str() + "\n");
}

}  // namespace kq
