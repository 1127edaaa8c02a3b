#pragma once
// The tiny corpus of the end-to-end tests (two CUDA kernels under an MIT
// license) and a reader for the release's task files.
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "tests/support/test_support.hpp"

namespace kq::test {

inline void write_corpus(const std::filesystem::path& root) {
  write_text(root / "tiny" / "LICENSE",
             "MIT License\n\nCopyright (c) 2026 Tiny\n\nPermission is hereby granted, free of charge, to any "
             "person obtaining a copy of this software and associated documentation files (the "
             "\"Software\"), to deal in the Software without restriction, including without limitation "
             "the rights to use, copy, modify, merge, publish, distribute, sublicense, and/or sell copies "
             "of the Software, and to permit persons to whom the Software is furnished to do so, subject "
             "to the following conditions:\n\nThe above copyright notice and this permission notice shall "
             "be included in all copies or substantial portions of the Software.\n\nTHE SOFTWARE IS "
             "PROVIDED \"AS IS\", WITHOUT WARRANTY OF ANY KIND, EXPRESS OR IMPLIED.\n");
  write_text(root / "tiny" / "src" / "ops.cu",
             "#include <cuda_runtime.h>\n\n"
             "/// y[i] = a * x[i] + y[i] for i < n.\n"
             "__global__ void saxpy(int n, float a, const float* x, float* y) {\n"
             "  int i = blockIdx.x * blockDim.x + threadIdx.x;\n"
             "  if (i < n) y[i] = a * x[i] + y[i];\n"
             "}\n\n"
             "/// out[i] = a[i] * b[i].\n"
             "__global__ void multiply(const float* a, const float* b, float* out, int n) {\n"
             "  int i = blockIdx.x * blockDim.x + threadIdx.x;\n"
             "  if (i < n) out[i] = a[i] * b[i];\n"
             "}\n");
  write_text(root / "repos.txt", "tiny\n");
}

inline std::vector<nlohmann::json> read_jsonl(const std::filesystem::path& p) {
  std::vector<nlohmann::json> out;
  std::ifstream in(p);
  std::string line;
  while (std::getline(in, line))
    if (!line.empty()) out.push_back(nlohmann::json::parse(line));
  return out;
}

}  // namespace kq::test
