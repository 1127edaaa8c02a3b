// Curation filters: duplicates (exact, normalized, near), license policy,
// verification status, review decisions.
#include <gtest/gtest.h>

#include <cstring>

#include "core/hash.hpp"
#include "curation/filters.hpp"
#include "curation/mutants.hpp"

namespace kq::curation {
namespace {

db::CurationKernel kernel(std::int64_t id, const std::string& hash, const std::string& license = "MIT") {
  db::CurationKernel k;
  k.kernel_id = id;
  k.content_hash = hash;
  k.norm_hash = "n" + hash;
  k.license = license;
  return k;
}

std::vector<unsigned char> signature(std::uint32_t base, int differing) {
  std::vector<std::uint32_t> v(100);
  for (int i = 0; i < 100; ++i) v[i] = base + i + (i < differing ? 1000 : 0);
  std::vector<unsigned char> out(400);
  std::memcpy(out.data(), v.data(), 400);
  return out;
}

db::VerificationRow verification(const std::string& status) {
  db::VerificationRow v;
  v.backend = "cpu-sim";
  v.status = status;
  return v;
}

CurationPolicy policy() {
  CurationPolicy p;
  p.allowed_licenses = {"MIT", "Apache-2.0"};
  return p;
}

std::map<std::int64_t, std::vector<db::VerificationRow>> passing(const std::vector<db::CurationKernel>& ks) {
  std::map<std::int64_t, std::vector<db::VerificationRow>> m;
  for (const auto& k : ks) m[k.kernel_id] = {verification("pass")};
  return m;
}

TEST(Filters, ExactAndNormalizedDuplicatesKeepTheEarliest) {
  std::vector<db::CurationKernel> ks{kernel(1, "a"), kernel(2, "a"), kernel(3, "b"), kernel(4, "c")};
  ks[3].norm_hash = ks[2].norm_hash;
  auto d = decide(ks, passing(ks), {}, policy());
  EXPECT_TRUE(d[0].keep);
  EXPECT_FALSE(d[1].keep);
  EXPECT_EQ(d[1].reason, "exact duplicate of kernel 1");
  EXPECT_TRUE(d[2].keep);
  EXPECT_FALSE(d[3].keep);
  EXPECT_EQ(d[3].reason, "duplicate (normalized) of kernel 3");
}

TEST(Filters, NearDuplicatesByMinHash) {
  std::vector<db::CurationKernel> ks{kernel(1, "a"), kernel(2, "b"), kernel(3, "c")};
  ks[0].minhash = signature(0, 0);
  ks[1].minhash = signature(0, 5);   // 95 of 100 slots equal
  ks[2].minhash = signature(0, 20);  // 80 of 100
  EXPECT_DOUBLE_EQ(minhash_similarity(ks[0].minhash, ks[1].minhash), 0.95);
  auto d = decide(ks, passing(ks), {}, policy());
  EXPECT_TRUE(d[0].keep);
  EXPECT_FALSE(d[1].keep);
  EXPECT_EQ(d[1].reason, "near duplicate of kernel 1 (Jaccard 0.95)");
  EXPECT_TRUE(d[2].keep);
}

TEST(Filters, EmptyFingerprintsAreNotCompared) {
  std::vector<db::CurationKernel> ks{kernel(1, "a"), kernel(2, "b")};
  ks[1].norm_hash = ks[0].norm_hash;
  for (auto& k : ks) k.minhash.assign(400, 0xFF);  // MinHash of an empty token set
  auto d = decide(ks, passing(ks), {}, policy());
  EXPECT_TRUE(d[0].keep);
  EXPECT_TRUE(d[1].keep) << d[1].reason;
}

TEST(Filters, LicensePolicy) {
  std::vector<db::CurationKernel> ks{kernel(1, "a", "Apache-2.0"), kernel(2, "b", "GPL-3.0-only"),
                                     kernel(3, "c", "NOASSERTION")};
  auto d = decide(ks, passing(ks), {}, policy());
  EXPECT_TRUE(d[0].keep);
  EXPECT_FALSE(d[1].keep);
  EXPECT_EQ(d[1].reason, "license GPL-3.0-only not allowed");
  EXPECT_FALSE(d[2].keep);
  EXPECT_EQ(d[2].review, "needs_review");
  // A person's decision outranks the policy.
  std::map<std::int64_t, db::ReviewRow> reviews{{3, db::ReviewRow{3, "accept", "checked by hand", "alice", ""}}};
  auto after = decide(ks, passing(ks), reviews, policy());
  EXPECT_TRUE(after[2].keep);
  auto p = policy();
  p.allowed_licenses.push_back("NOASSERTION");
  EXPECT_TRUE(decide(ks, passing(ks), {}, p)[2].keep);
}

TEST(Filters, NondeterministicAndUnverifiedAreExcluded) {
  std::vector<db::CurationKernel> ks{kernel(1, "a"), kernel(2, "b"), kernel(3, "c")};
  std::map<std::int64_t, std::vector<db::VerificationRow>> v;
  v[1] = {verification("pass"), verification("nondeterministic")};
  v[2] = {verification("mismatch")};
  v[3] = {};
  auto d = decide(ks, v, {}, policy());
  for (const auto& x : d) EXPECT_FALSE(x.keep);
  EXPECT_EQ(d[0].reason, "nondeterministic on cpu-sim");
  EXPECT_EQ(d[1].reason, "not verified: no passing run");
  EXPECT_EQ(d[2].reason, "not verified: no verification recorded");
}

TEST(Mutants, EveryOperatorChangesTheBody) {
  std::string body = "  int i = blockIdx.x * blockDim.x + threadIdx.x;\n  if (i < n) y[i] = a * x[i] + y[i];\n}\n";
  auto ms = make_mutants(body);
  ASSERT_EQ(ms.size(), 4u);
  EXPECT_EQ(ms[0].op, "drop_store");
  EXPECT_NE(ms[0].body.find("if (i < n) (void)0;"), std::string::npos);
  EXPECT_EQ(ms[1].op, "off_by_one");
  EXPECT_NE(ms[1].body.find("if (i < (n) - 1)"), std::string::npos);
  EXPECT_EQ(ms[2].op, "swap_operator");
  EXPECT_NE(ms[2].body.find("y[i] = a + x[i] + y[i]"), std::string::npos);
  EXPECT_EQ(ms[3].op, "index_zero");
  EXPECT_NE(ms[3].body.find("y[0] = a * x[i] + y[i]"), std::string::npos);
  auto again = make_mutants(body);
  for (std::size_t i = 0; i < ms.size(); ++i) EXPECT_EQ(ms[i].body, again[i].body);
  EXPECT_TRUE(make_mutants("}\n").empty());
}

TEST(Mutants, AnAtomicOrAPrintfIsDroppedWhenNoStoreIs) {
  auto ms = make_mutants("  if (threadIdx.x == 0) printf(\"(%d);\\n\", f(n));\n}\n");
  ASSERT_EQ(ms.size(), 1u);
  EXPECT_EQ(ms[0].op, "drop_effect");
  EXPECT_EQ(ms[0].body, "  if (threadIdx.x == 0) (void)0;\n}\n");
  auto counter = make_mutants("  if (x[i] > 0) atomicAdd(&hits, 1u);\n}\n");
  ASSERT_FALSE(counter.empty());
  EXPECT_EQ(counter.back().op, "drop_effect");
  EXPECT_NE(counter.back().body.find("if (x[i] > 0) (void)0;"), std::string::npos) << counter.back().body;
}

}  // namespace
}  // namespace kq::curation
