#include "testgen/expr.hpp"

#include <algorithm>
#include <cctype>

namespace kq::testgen {
namespace {

// Recursive descent over the text; any failure poisons the whole result.
class Parser {
 public:
  Parser(const std::string& s, const Bindings& vars) : s_(s), vars_(vars) {}

  std::optional<long long> parse() {
    auto v = shift();
    skip();
    if (!v || pos_ != s_.size()) return std::nullopt;
    return v;
  }

 private:
  void skip() {
    while (pos_ < s_.size() && std::isspace(static_cast<unsigned char>(s_[pos_]))) ++pos_;
  }
  bool eat(char c) {
    skip();
    if (pos_ < s_.size() && s_[pos_] == c) {
      ++pos_;
      return true;
    }
    return false;
  }
  // `1 << log2n` and `n >> 1`, below + and - as in C.
  std::optional<long long> shift() {
    auto v = sum();
    while (v) {
      skip();
      bool left = s_.compare(pos_, 2, "<<") == 0, right = s_.compare(pos_, 2, ">>") == 0;
      if (!left && !right) break;
      pos_ += 2;
      auto r = sum();
      if (!r || *r < 0 || *r > 40 || (left && (*v < 0 || *v > (1LL << 22)))) return std::nullopt;
      *v = left ? *v << *r : *v >> *r;
    }
    return v;
  }
  std::optional<long long> sum() {
    auto v = product();
    while (v) {
      if (eat('+')) {
        auto r = product();
        if (!r) return std::nullopt;
        *v += *r;
      } else if (eat('-')) {
        auto r = product();
        if (!r) return std::nullopt;
        *v -= *r;
      } else {
        break;
      }
    }
    return v;
  }
  std::optional<long long> product() {
    auto v = unary();
    while (v) {
      char op = 0;
      if (eat('*')) op = '*';
      else if (eat('/')) op = '/';
      else if (eat('%')) op = '%';
      else break;
      auto r = unary();
      if (!r) return std::nullopt;
      if (op == '*') *v *= *r;
      else if (*r == 0) return std::nullopt;
      else if (op == '/') *v /= *r;
      else *v %= *r;
    }
    return v;
  }
  std::optional<long long> unary() {
    if (eat('-')) {
      auto v = unary();
      if (!v) return std::nullopt;
      return -*v;
    }
    if (eat('(')) {
      auto v = shift();
      if (!v || !eat(')')) return std::nullopt;
      return v;
    }
    skip();
    if (pos_ >= s_.size()) return std::nullopt;
    if (std::isdigit(static_cast<unsigned char>(s_[pos_]))) return number();
    return identifier();
  }
  // Decimal, hex (0x) and binary (0b) literals, with C++14 digit separators
  // (100'000'000) as real code writes them.
  std::optional<long long> number() {
    int base = 10;
    if (s_[pos_] == '0' && pos_ + 1 < s_.size() && (s_[pos_ + 1] == 'x' || s_[pos_ + 1] == 'X')) base = 16;
    if (s_[pos_] == '0' && pos_ + 1 < s_.size() && (s_[pos_ + 1] == 'b' || s_[pos_ + 1] == 'B')) base = 2;
    if (base != 10) pos_ += 2;
    long long v = 0;
    for (; pos_ < s_.size(); ++pos_) {
      if (s_[pos_] == '\'' && pos_ + 1 < s_.size() && std::isxdigit(static_cast<unsigned char>(s_[pos_ + 1]))) continue;
      int d = digit_value(s_[pos_]);
      if (d < 0 || d >= base) break;
      v = v * base + d;
    }
    while (pos_ < s_.size() && (s_[pos_] == 'u' || s_[pos_] == 'U' || s_[pos_] == 'l' || s_[pos_] == 'L')) ++pos_;
    return v;
  }
  static int digit_value(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
  }
  std::optional<long long> identifier() {
    std::size_t b = pos_;
    while (pos_ < s_.size() && (std::isalnum(static_cast<unsigned char>(s_[pos_])) || s_[pos_] == '_')) ++pos_;
    if (b == pos_) return std::nullopt;
    std::string name = s_.substr(b, pos_ - b);
    if ((name == "min" || name == "max") && eat('(')) return min_max(name == "min");
    auto it = vars_.find(name);
    if (it == vars_.end()) return std::nullopt;
    return it->second;
  }

  // Grid caps are written min(blocks, limit); their arguments are size formulas too.
  std::optional<long long> min_max(bool min) {
    auto a = shift();
    if (!a || !eat(',')) return std::nullopt;
    auto b = shift();
    if (!b || !eat(')')) return std::nullopt;
    return min ? std::min(*a, *b) : std::max(*a, *b);
  }

  const std::string& s_;
  const Bindings& vars_;
  std::size_t pos_ = 0;
};

}  // namespace

std::optional<long long> eval_size(const std::string& expr, const Bindings& vars) {
  return Parser(expr, vars).parse();
}

std::vector<std::string> expr_identifiers(const std::string& expr) {
  std::vector<std::string> out;
  for (std::size_t i = 0; i < expr.size();) {
    unsigned char c = static_cast<unsigned char>(expr[i]);
    if (std::isalpha(c) || c == '_') {
      std::size_t b = i;
      while (i < expr.size() && (std::isalnum(static_cast<unsigned char>(expr[i])) || expr[i] == '_')) ++i;
      std::string id = expr.substr(b, i - b);
      bool seen = false;
      for (const auto& o : out) seen |= o == id;
      if (!seen) out.push_back(id);
    } else if (std::isdigit(c)) {
      while (i < expr.size() && (std::isalnum(static_cast<unsigned char>(expr[i])) || expr[i] == '.')) ++i;
    } else {
      ++i;
    }
  }
  return out;
}

}  // namespace kq::testgen
