// The one decoding rule (core/utf8.hpp): UTF-8 kept, every other byte read
// as Windows-1252, so every byte sequence decodes to valid UTF-8.
#include <gtest/gtest.h>

#include "core/subprocess.hpp"
#include "core/utf8.hpp"

namespace kq {
namespace {

TEST(Utf8, ValidTextIsKeptAsItIs) {
  std::string text = "caf\xc3\xa9 \xe2\x82\xac \xf0\x9f\x98\x80 plain";
  EXPECT_TRUE(is_valid_utf8(text));
  auto d = decode_text(text);
  EXPECT_EQ(d.text, text);
  EXPECT_TRUE(d.was_utf8());
  EXPECT_EQ(describe_encoding(d), "utf-8");
}

TEST(Utf8, Latin1BytesAreReadAsTheirCharacters) {
  auto d = decode_text("// caf\xe9 na\xefve\n");
  EXPECT_EQ(d.text, "// caf\xc3\xa9 na\xc3\xafve\n");
  EXPECT_EQ(d.foreign_bytes, 2u);
  EXPECT_EQ(describe_encoding(d), "windows-1252 (2 bytes)");
}

TEST(Utf8, Windows1252PunctuationAndUndefinedBytes) {
  // 0x80 euro sign, 0x93/0x94 curly quotes; 0x81 is undefined and becomes U+0081.
  EXPECT_EQ(to_utf8("\x80 \x93q\x94 \x81"), "\xe2\x82\xac \xe2\x80\x9cq\xe2\x80\x9d \xc2\x81");
}

TEST(Utf8, MalformedSequencesAreNotKept) {
  // Overlong '/', a UTF-16 surrogate, a code point above U+10FFFF, a lone continuation byte.
  for (std::string bad : {"\xc0\xaf", "\xed\xa0\x80", "\xf4\x90\x80\x80", "\xbf"}) {
    EXPECT_FALSE(is_valid_utf8(bad)) << testing::PrintToString(bad);
    EXPECT_TRUE(is_valid_utf8(to_utf8(bad))) << testing::PrintToString(bad);
  }
}

TEST(Utf8, TextCutMidCharacterKeepsWhatCameBefore) {
  std::string cut = "ok \xe2\x82";  // a euro sign without its last byte
  auto d = decode_text(cut);
  EXPECT_EQ(d.text.substr(0, 3), "ok ");
  EXPECT_EQ(d.foreign_bytes, 2u);
  EXPECT_TRUE(is_valid_utf8(d.text));
}

TEST(Utf8, EveryByteDecodes) {
  std::string all;
  for (int b = 0; b < 256; ++b) all += static_cast<char>(b);
  auto d = decode_text(all);
  EXPECT_TRUE(is_valid_utf8(d.text));
  EXPECT_EQ(d.foreign_bytes, 128u);
}

TEST(Utf8, DumpJsonNeverThrows) {
  nlohmann::json j = {{"log", std::string("bad \xff byte")}};
  EXPECT_THROW((void)j.dump(), nlohmann::json::type_error);
  auto text = dump_json(j);
  EXPECT_TRUE(is_valid_utf8(text));
  EXPECT_NE(text.find("\xef\xbf\xbd"), std::string::npos);  // U+FFFD
}

// Compiler and program output enter through run_process.
TEST(Utf8, ChildOutputIsDecoded) {
  auto r = run_process({"printf", "caf\\351 \\377\\n"});
  ASSERT_EQ(r.exit_code, 0);
  EXPECT_EQ(r.out, "caf\xc3\xa9 \xc3\xbf\n");
  EXPECT_NO_THROW((void)nlohmann::json(r.out).dump());
}

}  // namespace
}  // namespace kq
