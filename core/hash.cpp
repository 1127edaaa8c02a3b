#include "core/hash.hpp"

#include <openssl/evp.h>
#include <xxhash.h>

#include <array>
#include <cstring>
#include <cstdio>
#include <fstream>
#include <memory>

#include "core/error.hpp"

namespace kq {
namespace {

std::string to_hex(const unsigned char* bytes, std::size_t n) {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string out(n * 2, '0');
  for (std::size_t i = 0; i < n; ++i) {
    out[2 * i] = kDigits[bytes[i] >> 4];
    out[2 * i + 1] = kDigits[bytes[i] & 0xF];
  }
  return out;
}

struct MdCtxDeleter {
  void operator()(EVP_MD_CTX* c) const { EVP_MD_CTX_free(c); }
};
using MdCtx = std::unique_ptr<EVP_MD_CTX, MdCtxDeleter>;

MdCtx sha256_begin() {
  MdCtx ctx(EVP_MD_CTX_new());
  if (!ctx || EVP_DigestInit_ex(ctx.get(), EVP_sha256(), nullptr) != 1)
    throw Error("sha256: OpenSSL could not initialise a digest");
  return ctx;
}

std::string sha256_end(EVP_MD_CTX* ctx) {
  std::array<unsigned char, EVP_MAX_MD_SIZE> md{};
  unsigned len = 0;
  if (EVP_DigestFinal_ex(ctx, md.data(), &len) != 1) throw Error("sha256: digest failed");
  return to_hex(md.data(), len);
}

}  // namespace

std::uint64_t xxh64(std::string_view data, std::uint64_t seed) {
  return XXH64(data.data(), data.size(), seed);
}

std::string xxh64_hex(std::string_view data) {
  char buf[17];
  std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(xxh64(data)));
  return buf;
}

std::string sha256_hex(std::string_view data) {
  auto ctx = sha256_begin();
  EVP_DigestUpdate(ctx.get(), data.data(), data.size());
  return sha256_end(ctx.get());
}

std::string sha256_file_hex(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw Error("cannot open '" + path.string() + "' for hashing");
  auto ctx = sha256_begin();
  std::array<char, 1 << 16> buf{};
  while (in) {
    in.read(buf.data(), buf.size());
    EVP_DigestUpdate(ctx.get(), buf.data(), static_cast<std::size_t>(in.gcount()));
  }
  return sha256_end(ctx.get());
}

unsigned stable_shard(std::string_view key, unsigned n) {
  if (n == 0) return 0;
  return static_cast<unsigned>(xxh64(key, 0x6b71) % n);
}

double minhash_similarity(const std::vector<std::uint32_t>& a, const std::vector<std::uint32_t>& b) {
  if (a.size() != b.size() || a.empty()) return 0;
  std::size_t same = 0;
  for (std::size_t i = 0; i < a.size(); ++i) same += a[i] == b[i];
  return static_cast<double>(same) / static_cast<double>(a.size());
}

double minhash_similarity(const std::vector<unsigned char>& a, const std::vector<unsigned char>& b) {
  if (a.size() % sizeof(std::uint32_t) != 0 || b.size() % sizeof(std::uint32_t) != 0) return 0;
  auto slots = [](const std::vector<unsigned char>& bytes) {
    std::vector<std::uint32_t> out(bytes.size() / sizeof(std::uint32_t));
    if (!out.empty()) std::memcpy(out.data(), bytes.data(), bytes.size());
    return out;
  };
  return minhash_similarity(slots(a), slots(b));
}

}  // namespace kq
