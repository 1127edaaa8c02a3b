// Prints the generated buffers of host_buffers.hpp as hex, for comparing the
// bytes different compilers produce.
#include <cstdio>

#include "host_buffers.hpp"

int main() {
  const std::string bytes = generated_buffer_bytes();
  for (const char c : bytes) std::printf("%02x", static_cast<unsigned char>(c));
  std::printf("\n");
  return 0;
}
