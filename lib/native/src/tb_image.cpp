// PNG and JPEG decoding and encoding (torchvision.io) with Debian's libpng and libjpeg-turbo.
//
// Both libraries report errors by calling a callback that must not return: libpng's error
// function and libjpeg's error_exit. Here they longjmp back to a setjmp in a small function that
// holds only plain C data (no C++ object with a destructor lives between the setjmp and the
// longjmp, and no C++ exception ever crosses a C frame). Each such function returns -1 with the
// library's message in the state it was given; its C++ caller frees the library's state through a
// guard and turns the message into the shim's error. Buffers the libraries write are plain malloc
// memory owned by that state, so nothing leaks on either path.
//
// Images are uint8 tensors of shape [channels, height, width]. Decoding gives the file's own
// channels (UNCHANGED: 1 gray, 2 gray+alpha, 3 RGB, 4 RGBA; a palette becomes RGB, RGBA when it
// has transparency; PNG transparency chunks become alpha) or converts them (GRAY, GRAY_ALPHA, RGB,
// RGB_ALPHA). RGB to gray uses ITU-R 601-2 luma with the integer weights PIL uses
// ((19595 R + 38470 G + 7471 B + 32768) >> 16), so values match PIL's convert("L"); a colour JPEG
// read as gray is decoded to gray by libjpeg itself (its Y channel, as torchvision and PIL's
// draft("L") do). 16-bit PNGs are reduced to 8 bits by keeping each sample's high byte (what PIL
// does for 16-bit RGB).
#include "tb_common.h"
#include <csetjmp>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <stdexcept>
#include <vector>

#include <png.h>
// jpeglib.h needs FILE and size_t declared first.
#include <jpeglib.h>
#include <jerror.h>

namespace {

enum Mode : int32_t { UNCHANGED = 0, GRAY = 1, GRAY_ALPHA = 2, RGB = 3, RGB_ALPHA = 4 };
enum Format : int32_t { ANY = 0, PNG = 1, JPEG = 2 };

const unsigned char kPngSignature[8] = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

bool starts_with(const uint8_t* data, size_t size, const void* magic, size_t n) {
  return size >= n && std::memcmp(data, magic, n) == 0;
}
bool is_png(const uint8_t* d, size_t n) { return starts_with(d, n, kPngSignature, 8); }
bool is_jpeg(const uint8_t* d, size_t n) { return n >= 3 && d[0] == 0xFF && d[1] == 0xD8 && d[2] == 0xFF; }

// What other formats a file is, for a message that says why it cannot be read.
const char* other_format(const uint8_t* d, size_t n) {
  if (starts_with(d, n, "GIF87a", 6) || starts_with(d, n, "GIF89a", 6)) return "a GIF image";
  if (starts_with(d, n, "BM", 2)) return "a BMP image";
  if (n >= 12 && starts_with(d, n, "RIFF", 4) && std::memcmp(d + 8, "WEBP", 4) == 0) return "a WebP image";
  if (starts_with(d, n, "II*\0", 4) || starts_with(d, n, "MM\0*", 4)) return "a TIFF image";
  if (n >= 12 && std::memcmp(d + 4, "ftyp", 4) == 0) return "an HEIF/AVIF image or an MP4 video";
  if (starts_with(d, n, "\x1f\x8b", 2)) return "a gzip-compressed file";
  if (starts_with(d, n, "PK\x03\x04", 4)) return "a zip archive";
  if (starts_with(d, n, "%PDF", 4)) return "a PDF document";
  if (n >= 2 && d[0] == 'P' && d[1] >= '1' && d[1] <= '7') return "a Netpbm (PBM/PGM/PPM) image";
  if (starts_with(d, n, "<svg", 4) || starts_with(d, n, "<?xml", 5)) return "an SVG/XML text file";
  return nullptr;
}

std::string first_bytes(const uint8_t* d, size_t n) {
  std::string s;
  char hex[4];
  for (size_t i = 0; i < n && i < 8; i++) {
    std::snprintf(hex, sizeof hex, i ? " %02x" : "%02x", d[i]);
    s += hex;
  }
  return s;
}

[[noreturn]] void not_an_image(const uint8_t* d, size_t n, const char* wanted) {
  std::string m = std::string("this is not a ") + wanted + " image";
  if (const char* other = other_format(d, n))
    m += std::string(": it looks like ") + other + ". Only PNG and JPEG can be read; convert the file to PNG first";
  else
    m += " (it starts with the bytes " + first_bytes(d, n) + ")";
  throw std::runtime_error(m);
}

int channels_for(int32_t mode, int source_channels) {
  switch (mode) {
    case GRAY: return 1;
    case GRAY_ALPHA: return 2;
    case RGB: return 3;
    case RGB_ALPHA: return 4;
    default: return source_channels;
  }
}

// Interleaved HWC pixels with c channels (1 gray, 2 gray+alpha, 3 RGB, 4 RGBA) -> a new CHW tensor
// in the channels `mode` asks for.
at::Tensor to_chw(const uint8_t* hwc, int64_t height, int64_t width, int c, int32_t mode) {
  const int oc = channels_for(mode, c);
  at::Tensor out = at::empty({oc, height, width}, at::kByte);
  uint8_t* o = out.data_ptr<uint8_t>();
  const int64_t plane = height * width;
  for (int64_t i = 0; i < plane; i++) {
    const uint8_t* p = hwc + i * c;
    const uint8_t alpha = c == 2 ? p[1] : c == 4 ? p[3] : 255;
    if (oc == c) {
      for (int k = 0; k < c; k++) o[k * plane + i] = p[k];
    } else if (oc <= 2) {
      o[i] = c <= 2 ? p[0] : (uint8_t)((p[0] * 19595u + p[1] * 38470u + p[2] * 7471u + 0x8000u) >> 16);
      if (oc == 2) o[plane + i] = alpha;
    } else {
      for (int k = 0; k < 3; k++) o[k * plane + i] = c <= 2 ? p[0] : p[k];
      if (oc == 4) o[3 * plane + i] = alpha;
    }
  }
  return out;
}

// ---------------------------------------------------------------- PNG

struct PngState {
  png_structp png;
  png_infop info;
  const uint8_t* data;  // reading: the encoded file
  size_t size;
  size_t pos;
  uint8_t* out;  // writing: malloc'd, grown as libpng writes
  size_t out_size;
  size_t out_capacity;
  png_uint_32 width;
  png_uint_32 height;
  int channels;
  int bit_depth;
  char message[256];
};

void png_on_error(png_structp png, png_const_charp message) {
  auto* s = static_cast<PngState*>(png_get_error_ptr(png));
  std::snprintf(s->message, sizeof s->message, "%s", message ? message : "unknown libpng error");
  png_longjmp(png, 1);
}

void png_on_warning(png_structp, png_const_charp) {}  // recoverable problems (a bad ancillary chunk): ignored, as PIL does

void png_on_read(png_structp png, png_bytep out, size_t n) {
  auto* s = static_cast<PngState*>(png_get_io_ptr(png));
  if (n > s->size - s->pos) png_error(png, "the file ends early (truncated)");
  std::memcpy(out, s->data + s->pos, n);
  s->pos += n;
}

void png_on_write(png_structp png, png_bytep data, size_t n) {
  auto* s = static_cast<PngState*>(png_get_io_ptr(png));
  if (s->out_size + n > s->out_capacity) {
    size_t capacity = s->out_capacity ? s->out_capacity : 4096;
    while (capacity < s->out_size + n) capacity *= 2;
    auto* grown = static_cast<uint8_t*>(std::realloc(s->out, capacity));
    if (!grown) png_error(png, "out of memory while encoding");
    s->out = grown;
    s->out_capacity = capacity;
  }
  std::memcpy(s->out + s->out_size, data, n);
  s->out_size += n;
}

void png_on_flush(png_structp) {}

// Reads the header and sets the transformations to 8-bit gray/GA/RGB/RGBA. Plain C data only.
int png_read_header(PngState* s) {
  if (setjmp(png_jmpbuf(s->png))) return -1;
  png_set_read_fn(s->png, s, png_on_read);
  png_read_info(s->png, s->info);
  const int color_type = png_get_color_type(s->png, s->info);
  s->bit_depth = png_get_bit_depth(s->png, s->info);
  if (color_type == PNG_COLOR_TYPE_PALETTE) png_set_palette_to_rgb(s->png);
  if (color_type == PNG_COLOR_TYPE_GRAY && s->bit_depth < 8) png_set_expand_gray_1_2_4_to_8(s->png);
  if (png_get_valid(s->png, s->info, PNG_INFO_tRNS)) png_set_tRNS_to_alpha(s->png);
  if (s->bit_depth == 16) png_set_strip_16(s->png);
  png_set_interlace_handling(s->png);
  png_read_update_info(s->png, s->info);
  s->width = png_get_image_width(s->png, s->info);
  s->height = png_get_image_height(s->png, s->info);
  s->channels = png_get_channels(s->png, s->info);
  if (png_get_rowbytes(s->png, s->info) != (size_t)s->width * s->channels) png_error(s->png, "unexpected row layout after conversion to 8 bits");
  return 0;
}

int png_read_pixels(PngState* s, png_bytep* rows) {
  if (setjmp(png_jmpbuf(s->png))) return -1;
  png_read_image(s->png, rows);
  return 0;
}

int png_write_all(PngState* s, png_bytep* rows, int color_type, int compression_level) {
  if (setjmp(png_jmpbuf(s->png))) return -1;
  png_set_write_fn(s->png, s, png_on_write, png_on_flush);
  png_set_IHDR(s->png, s->info, s->width, s->height, 8, color_type, PNG_INTERLACE_NONE, PNG_COMPRESSION_TYPE_DEFAULT,
               PNG_FILTER_TYPE_DEFAULT);
  png_set_compression_level(s->png, compression_level);
  png_write_info(s->png, s->info);
  png_write_image(s->png, rows);
  png_write_end(s->png, nullptr);
  return 0;
}

struct PngReadGuard {
  PngState* s;
  ~PngReadGuard() { png_destroy_read_struct(&s->png, s->info ? &s->info : nullptr, nullptr); }
};

struct PngWriteGuard {
  PngState* s;
  ~PngWriteGuard() {
    png_destroy_write_struct(&s->png, s->info ? &s->info : nullptr);
    std::free(s->out);
  }
};

at::Tensor decode_png(const uint8_t* data, size_t size, int32_t mode) {
  PngState s{};
  s.data = data;
  s.size = size;
  s.png = png_create_read_struct(PNG_LIBPNG_VER_STRING, &s, png_on_error, png_on_warning);
  if (!s.png) throw std::runtime_error("libpng could not start (out of memory?)");
  PngReadGuard guard{&s};
  s.info = png_create_info_struct(s.png);
  if (!s.info) throw std::runtime_error("libpng could not start (out of memory?)");
  if (png_read_header(&s) != 0) throw std::runtime_error(std::string("corrupt PNG: ") + s.message);
  at::Tensor hwc = at::empty({(int64_t)s.height, (int64_t)s.width, s.channels}, at::kByte);
  std::vector<png_bytep> rows(s.height);
  uint8_t* base = hwc.data_ptr<uint8_t>();
  for (png_uint_32 y = 0; y < s.height; y++) rows[y] = base + (size_t)y * s.width * s.channels;
  if (png_read_pixels(&s, rows.data()) != 0) throw std::runtime_error(std::string("corrupt PNG: ") + s.message);
  return to_chw(base, s.height, s.width, s.channels, mode);
}

// ---------------------------------------------------------------- JPEG

struct JpegError {
  jpeg_error_mgr mgr;  // first member: libjpeg passes &mgr, which is also the address of this struct
  jmp_buf jump;
  char message[JMSG_LENGTH_MAX + 64];
};

void jpeg_on_error(j_common_ptr c) {
  auto* e = reinterpret_cast<JpegError*>(c->err);
  (*c->err->format_message)(c, e->message);
  std::longjmp(e->jump, 1);
}

// Warnings: a file that ends early is an error (libjpeg would pad it with gray); other corrupt-data
// warnings (extraneous bytes before a marker, ...) are common in real photos and ignored, as PIL does.
void jpeg_on_message(j_common_ptr c, int level) {
  if (level >= 0) return;  // trace messages
  auto* e = reinterpret_cast<JpegError*>(c->err);
  if (c->err->msg_code == JWRN_JPEG_EOF) {
    std::snprintf(e->message, sizeof e->message, "the file ends early (truncated)");
    std::longjmp(e->jump, 1);
  }
  c->err->num_warnings++;
}

void jpeg_on_output(j_common_ptr) {}  // nothing goes to stderr

struct JpegRead {
  jpeg_decompress_struct cinfo;
  JpegError err;
  const char* refusal;  // set when the file is valid but not supported
};

int jpeg_read_start(JpegRead* s, const uint8_t* data, size_t size, int32_t mode) {
  if (setjmp(s->err.jump)) return -1;
  jpeg_create_decompress(&s->cinfo);
  jpeg_mem_src(&s->cinfo, data, (unsigned long)size);
  jpeg_read_header(&s->cinfo, TRUE);
  switch (s->cinfo.jpeg_color_space) {
    case JCS_GRAYSCALE:
      s->cinfo.out_color_space = JCS_GRAYSCALE;
      break;
    case JCS_CMYK:
    case JCS_YCCK:
      s->refusal = "it is a CMYK JPEG (made for print); only gray and RGB JPEGs can be read. Convert it to RGB first";
      return -1;
    default:
      s->cinfo.out_color_space = (mode == GRAY || mode == GRAY_ALPHA) ? JCS_GRAYSCALE : JCS_RGB;
  }
  jpeg_start_decompress(&s->cinfo);
  return 0;
}

int jpeg_read_pixels(JpegRead* s, uint8_t* out) {
  if (setjmp(s->err.jump)) return -1;
  const size_t stride = (size_t)s->cinfo.output_width * s->cinfo.output_components;
  while (s->cinfo.output_scanline < s->cinfo.output_height) {
    JSAMPROW row = out + (size_t)s->cinfo.output_scanline * stride;
    jpeg_read_scanlines(&s->cinfo, &row, 1);
  }
  return 0;
}

void init_errors(JpegError* e) {
  jpeg_std_error(&e->mgr);
  e->mgr.error_exit = jpeg_on_error;
  e->mgr.emit_message = jpeg_on_message;
  e->mgr.output_message = jpeg_on_output;
}

at::Tensor decode_jpeg(const uint8_t* data, size_t size, int32_t mode) {
  JpegRead s;
  std::memset(&s, 0, sizeof s);
  init_errors(&s.err);
  s.cinfo.err = &s.err.mgr;
  struct Guard {
    JpegRead* s;
    ~Guard() { jpeg_destroy_decompress(&s->cinfo); }  // safe on a zeroed or half-created struct
  } guard{&s};
  if (jpeg_read_start(&s, data, size, mode) != 0)
    throw std::runtime_error(s.refusal ? std::string(s.refusal) : std::string("corrupt JPEG: ") + s.err.message);
  const int c = s.cinfo.output_components;
  if (c != 1 && c != 3) throw std::runtime_error("unsupported JPEG: " + std::to_string(c) + " colour components");
  at::Tensor hwc = at::empty({(int64_t)s.cinfo.output_height, (int64_t)s.cinfo.output_width, c}, at::kByte);
  if (jpeg_read_pixels(&s, hwc.data_ptr<uint8_t>()) != 0) throw std::runtime_error(std::string("corrupt JPEG: ") + s.err.message);
  return to_chw(hwc.data_ptr<uint8_t>(), s.cinfo.output_height, s.cinfo.output_width, c, mode);
}

struct JpegWrite {
  jpeg_compress_struct cinfo;
  JpegError err;
  unsigned char* out;  // malloc'd by libjpeg's memory destination
  unsigned long out_size;
};

int jpeg_write_all(JpegWrite* s, const uint8_t* hwc, int64_t height, int64_t width, int c, int quality) {
  if (setjmp(s->err.jump)) return -1;
  jpeg_create_compress(&s->cinfo);
  jpeg_mem_dest(&s->cinfo, &s->out, &s->out_size);
  s->cinfo.image_width = (JDIMENSION)width;
  s->cinfo.image_height = (JDIMENSION)height;
  s->cinfo.input_components = c;
  s->cinfo.in_color_space = c == 1 ? JCS_GRAYSCALE : JCS_RGB;
  jpeg_set_defaults(&s->cinfo);
  jpeg_set_quality(&s->cinfo, quality, TRUE);
  jpeg_start_compress(&s->cinfo, TRUE);
  const size_t stride = (size_t)width * c;
  while (s->cinfo.next_scanline < s->cinfo.image_height) {
    JSAMPROW row = const_cast<uint8_t*>(hwc) + (size_t)s->cinfo.next_scanline * stride;
    jpeg_write_scanlines(&s->cinfo, &row, 1);
  }
  jpeg_finish_compress(&s->cinfo);
  return 0;
}

// The image as HWC bytes for an encoder, after checking it is a uint8 [C, H, W] tensor.
at::Tensor image_to_hwc(const at::Tensor& image, const char* fn, bool alpha_allowed) {
  if (image.scalar_type() != at::kByte)
    throw std::invalid_argument(std::string(fn) + ": the image must be a uint8 tensor, not " + std::string(c10::toString(image.scalar_type())) +
                                " (for floats in [0, 1], use (img * 255).round().clamp(0, 255).to(uint8))");
  if (image.dim() != 3)
    throw std::invalid_argument(std::string(fn) + ": the image must have shape [channels, height, width], not " + c10::str(image.sizes()));
  const int64_t c = image.size(0);
  if (alpha_allowed ? (c < 1 || c > 4) : (c != 1 && c != 3))
    throw std::invalid_argument(std::string(fn) + ": the image has " + std::to_string(c) + " channels; " +
                                (alpha_allowed ? "PNG takes 1 (gray), 2 (gray+alpha), 3 (RGB) or 4 (RGBA)"
                                               : "JPEG takes 1 (gray) or 3 (RGB) and has no transparency"));
  if (image.size(1) == 0 || image.size(2) == 0)
    throw std::invalid_argument(std::string(fn) + ": the image is empty (shape " + c10::str(image.sizes()) + ")");
  return image.detach().cpu().permute({1, 2, 0}).contiguous();
}

at::Tensor bytes_tensor(const uint8_t* data, size_t n) {
  at::Tensor t = at::empty({(int64_t)n}, at::kByte);
  std::memcpy(t.data_ptr<uint8_t>(), data, n);
  return t;
}

at::Tensor decode(const uint8_t* data, int64_t size, int32_t format, int32_t mode) {
  if (mode < UNCHANGED || mode > RGB_ALPHA) throw std::invalid_argument("unknown ImageReadMode " + std::to_string(mode));
  if (size < 0 || (size > 0 && !data)) throw std::invalid_argument("no data");
  if (size == 0) throw std::runtime_error("the file is empty (0 bytes)");
  const size_t n = (size_t)size;
  if (format == PNG || (format == ANY && is_png(data, n))) {
    if (!is_png(data, n)) not_an_image(data, n, is_jpeg(data, n) ? "PNG (it is a JPEG)" : "PNG");
    return decode_png(data, n, mode);
  }
  if (format == JPEG || (format == ANY && is_jpeg(data, n))) {
    if (!is_jpeg(data, n)) not_an_image(data, n, is_png(data, n) ? "JPEG (it is a PNG)" : "JPEG");
    return decode_jpeg(data, n, mode);
  }
  not_an_image(data, n, "PNG or JPEG");
}

}  // namespace

// Decodes a PNG or JPEG file held in memory. format: 0 detect from the content, 1 PNG only,
// 2 JPEG only. mode: ImageReadMode (0 UNCHANGED, 1 GRAY, 2 GRAY_ALPHA, 3 RGB, 4 RGB_ALPHA).
TB_API tb_tensor tb_image_decode(const uint8_t* data, int64_t size, int32_t format, int32_t mode) {
  TB_TENSOR(decode(data, size, format, mode))
}

// Encodes a uint8 [C, H, W] image (C = 1, 2, 3 or 4) as PNG; returns the file's bytes (uint8, 1-D).
TB_API tb_tensor tb_image_encode_png(tb_tensor image, int32_t compression_level) {
  try {
    if (compression_level < 0 || compression_level > 9)
      throw std::invalid_argument("encode_png: compression_level must be between 0 (none) and 9 (smallest), not " + std::to_string(compression_level));
    at::Tensor hwc = image_to_hwc(*image, "encode_png", true);
    PngState s{};
    s.width = (png_uint_32)hwc.size(1);
    s.height = (png_uint_32)hwc.size(0);
    s.channels = (int)hwc.size(2);
    s.png = png_create_write_struct(PNG_LIBPNG_VER_STRING, &s, png_on_error, png_on_warning);
    if (!s.png) throw std::runtime_error("libpng could not start (out of memory?)");
    PngWriteGuard guard{&s};
    s.info = png_create_info_struct(s.png);
    if (!s.info) throw std::runtime_error("libpng could not start (out of memory?)");
    static const int kColorTypes[] = {0, PNG_COLOR_TYPE_GRAY, PNG_COLOR_TYPE_GRAY_ALPHA, PNG_COLOR_TYPE_RGB, PNG_COLOR_TYPE_RGB_ALPHA};
    std::vector<png_bytep> rows(s.height);
    uint8_t* base = hwc.data_ptr<uint8_t>();
    for (png_uint_32 y = 0; y < s.height; y++) rows[y] = base + (size_t)y * s.width * s.channels;
    if (png_write_all(&s, rows.data(), kColorTypes[s.channels], compression_level) != 0)
      throw std::runtime_error(std::string("encode_png: libpng failed: ") + s.message);
    return tb::wrap(bytes_tensor(s.out, s.out_size));
  }
  TB_CATCH(nullptr)
}

// Encodes a uint8 [C, H, W] image (C = 1 or 3) as JPEG (baseline, 4:2:0, libjpeg's defaults, as
// PIL and torchvision write it); returns the file's bytes (uint8, 1-D).
TB_API tb_tensor tb_image_encode_jpeg(tb_tensor image, int32_t quality) {
  try {
    if (quality < 1 || quality > 100)
      throw std::invalid_argument("encode_jpeg: quality must be between 1 and 100, not " + std::to_string(quality));
    at::Tensor hwc = image_to_hwc(*image, "encode_jpeg", false);
    if (hwc.size(0) > JPEG_MAX_DIMENSION || hwc.size(1) > JPEG_MAX_DIMENSION)
      throw std::invalid_argument("encode_jpeg: JPEG images are at most " + std::to_string(JPEG_MAX_DIMENSION) + " pixels wide and high");
    JpegWrite s;
    std::memset(&s, 0, sizeof s);
    init_errors(&s.err);
    s.cinfo.err = &s.err.mgr;
    struct Guard {
      JpegWrite* s;
      ~Guard() {
        jpeg_destroy_compress(&s->cinfo);
        std::free(s->out);
      }
    } guard{&s};
    if (jpeg_write_all(&s, hwc.data_ptr<uint8_t>(), hwc.size(0), hwc.size(1), (int)hwc.size(2), quality) != 0)
      throw std::runtime_error(std::string("encode_jpeg: libjpeg failed: ") + s.err.message);
    return tb::wrap(bytes_tensor(s.out, s.out_size));
  }
  TB_CATCH(nullptr)
}
