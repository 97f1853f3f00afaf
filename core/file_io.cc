#include "core/file_io.h"

#include <sys/stat.h>

#include <cerrno>
#include <cstring>
#include <fstream>

namespace vnpu {

Expected<std::vector<uint8_t>> read_file(const std::string& path, uint64_t max_bytes) {
  struct stat info {};
  if (::stat(path.c_str(), &info) != 0) {
    return Status::io_error(path + ": cannot open: " + std::strerror(errno));
  }
  if (!S_ISREG(info.st_mode)) return Status::io_error(path + ": not a regular file");
  if (static_cast<uint64_t>(info.st_size) > max_bytes) {
    return Status::io_error(path + ": file is " + std::to_string(info.st_size) +
                            " bytes, larger than the limit of " + std::to_string(max_bytes));
  }
  std::ifstream stream(path, std::ios::binary);
  if (!stream) return Status::io_error(path + ": cannot open: " + std::strerror(errno));
  std::vector<uint8_t> bytes(static_cast<size_t>(info.st_size));
  if (!bytes.empty()) {
    stream.read(reinterpret_cast<char*>(bytes.data()), static_cast<std::streamsize>(bytes.size()));
    if (stream.gcount() != static_cast<std::streamsize>(bytes.size())) {
      return Status::io_error(path + ": short read");
    }
  }
  return bytes;
}

namespace {

Status write_bytes(const std::string& path, const char* data, size_t size) {
  std::ofstream stream(path, std::ios::binary | std::ios::trunc);
  if (!stream) return Status::io_error(path + ": cannot create: " + std::strerror(errno));
  stream.write(data, static_cast<std::streamsize>(size));
  stream.close();
  if (!stream) return Status::io_error(path + ": write failed");
  return Status::ok();
}

}  // namespace

Status write_file(const std::string& path, const std::vector<uint8_t>& bytes) {
  return write_bytes(path, reinterpret_cast<const char*>(bytes.data()), bytes.size());
}

Status write_text_file(const std::string& path, const std::string& text) {
  return write_bytes(path, text.data(), text.size());
}

}  // namespace vnpu
