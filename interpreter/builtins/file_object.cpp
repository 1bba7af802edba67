// open() and the file objects it returns (_io.TextIOWrapper, BufferedReader/Writer/
// Random), the io module (io.open, io.UnsupportedOperation) and the OSError helper.
// tscript has no bytes type: binary files read and write str holding the raw bytes.
#include <cctype>
#include <cerrno>
#include <cstring>
#include <optional>
#include <unistd.h>

#include "interpreter/api/policy.h"
#include "interpreter/builtins/builtins_internal.h"
#include "interpreter/builtins/file_stream.h"

namespace tscript {

namespace {

struct FileObject : Object {
  static constexpr Layout kLayout = Layout::Native;
  FileStream stream;
  std::string name, mode, encoding;  // the attributes; encoding empty in binary mode
  explicit FileObject(Type* t) : Object(t) {}
};

Type* unsupported_operation_type() {
  static Type* t = [] {
    // class UnsupportedOperation(OSError, ValueError), printed as io.UnsupportedOperation.
    const ExceptionTypes& x = exc_types();
    Type* u = new_builtin_type("UnsupportedOperation", "io", Layout::Exception, x.os_error);
    u->builtin = false;
    u->bases = {Ref<Type>(x.os_error), Ref<Type>(x.value_error)};
    u->mro = {u, x.os_error, x.value_error, x.exception, x.base_exception, types().object};
    return u;
  }();
  return t;
}

FileObject* file_of(const Value& v) { return static_cast<FileObject*>(v.obj()); }

// The checks CPython makes before any operation, with its messages.
FileStream& open_stream(const Value& self) {
  FileObject* f = file_of(self);
  if (!f->stream.is_open()) value_error("I/O operation on closed file.");
  return f->stream;
}
FileStream& readable_stream(const Value& self) {
  FileStream& s = open_stream(self);
  if (!s.readable()) raise(unsupported_operation_type(), s.binary() ? "read" : "not readable");
  return s;
}
FileStream& writable_stream(const Value& self) {
  FileStream& s = open_stream(self);
  if (!s.writable()) raise(unsupported_operation_type(), s.binary() ? "write" : "not writable");
  return s;
}

int64_t size_arg(const Value& v) { return v.is_none() ? -1 : index_value(v); }

Value f_read(Value* a, const Value&) {
  int64_t size = size_arg(a[1]);
  return str(readable_stream(a[0]).read(size));
}
Value f_readline(Value* a, const Value&) {
  int64_t size = size_arg(a[1]);
  return str(readable_stream(a[0]).read_line(size));
}
Value f_readlines(Value* a, const Value&) {
  int64_t hint = size_arg(a[1]), total = 0;
  FileStream& s = readable_stream(a[0]);
  auto lines = make<List>();
  for (;;) {
    std::string line = s.read_line(-1);
    if (line.empty()) break;
    total += static_cast<int64_t>(s.binary() ? line.size() : format_detail::utf8_length(line));
    lines->items.push_back(str(std::move(line)));
    if (hint > 0 && total >= hint) break;
  }
  return Value(static_cast<Object*>(lines.get()));
}
Value f_next(Value* a, const Value&) {
  std::string line = readable_stream(a[0]).read_line(-1);
  if (line.empty()) throw ScriptError{make_exception(exc_types().stop_iteration, std::vector<Value>{})};
  return str(std::move(line));
}

// Text files count characters written; binary ones bytes.
int64_t write_one(const Value& self, const Value& s) {
  FileObject* f = file_of(self);
  bool binary = f->encoding.empty();
  if (binary) writable_stream(self);  // a BufferedReader has no write() at all: this error comes first
  auto* text = s.as<Str>();
  if (!text) {
    if (binary) type_error("a bytes-like object is required, not '" + type_name(s) + "'");
    type_error("write() argument must be str, not " + type_name(s));
  }
  FileStream& stream = writable_stream(self);
  if (!stream.write(text->s)) raise_os_error(errno);
  return static_cast<int64_t>(binary ? text->s.size() : format_detail::utf8_length(text->s));
}
Value f_write(Value* a, const Value&) { return Value(write_one(a[0], a[1])); }
Value f_writelines(Value* a, const Value&) {
  open_stream(a[0]);
  Value it = get_iter(a[1]), line;
  while (iter_next(it, line)) write_one(a[0], line);
  return Value();
}

Value f_close(Value* a, const Value&) {
  FileObject* f = file_of(a[0]);
  if (int err = f->stream.close()) {
    if (err == EEXIST) raise_os_error(err, f->name);  // 'x': the name was taken while writing
    raise_os_error(err);                              // as CPython's failed flush
  }
  return Value();
}
Value f_flush(Value* a, const Value&) {
  if (int err = open_stream(a[0]).flush()) raise_os_error(err);
  return Value();
}

Value f_seek(Value* a, const Value&) {
  FileStream& s = open_stream(a[0]);
  int64_t offset = index_value(a[1]), whence = index_value(a[2]);
  if (whence < 0 || whence > 2) {
    if (s.binary()) value_error("whence value " + std::to_string(whence) + " unsupported");
    value_error("invalid whence (" + std::to_string(whence) + ", should be 0, 1 or 2)");
  }
  if (!s.binary()) {  // text files only seek to positions tell() gave, or to the end
    if (whence == 1 && offset != 0) raise(unsupported_operation_type(), "can't do nonzero cur-relative seeks");
    if (whence == 2 && offset != 0) raise(unsupported_operation_type(), "can't do nonzero end-relative seeks");
    if (offset < 0) value_error("negative seek position " + std::to_string(offset));
  }
  int64_t pos = s.seek(offset, static_cast<int>(whence));
  if (pos < 0) raise_os_error(errno);
  return Value(pos);
}
Value f_tell(Value* a, const Value&) { return Value(open_stream(a[0]).tell()); }
Value f_readable(Value* a, const Value&) { return Value(open_stream(a[0]).readable()); }
Value f_writable(Value* a, const Value&) { return Value(open_stream(a[0]).writable()); }
Value f_seekable(Value* a, const Value&) { return Value((open_stream(a[0]), true)); }
Value f_fileno(Value* a, const Value&) { return Value(static_cast<int64_t>(open_stream(a[0]).fileno())); }
Value f_isatty(Value* a, const Value&) { return Value(::isatty(open_stream(a[0]).fileno()) == 1); }
Value f_enter(Value* a, const Value&) { return (open_stream(a[0]), a[0]); }
Value f_exit(Value* a, const Value& d) { return (f_close(a, d), Value()); }
Value f_iter(Value* a, const Value&) { return (open_stream(a[0]), a[0]); }

std::string file_repr(const Value& v) {
  FileObject* f = file_of(v);
  std::string out = "<_io." + f->type->name + " name=" + str_repr(f->name);
  if (!f->encoding.empty()) out += " mode=" + str_repr(f->mode) + " encoding=" + str_repr(f->encoding);
  return out + ">";
}

Value file_attr(const Value& v, Str* name) {
  FileObject* f = file_of(v);
  const std::string& n = name->s;
  if (n == "closed") return Value(!f->stream.is_open());
  if (n == "name") return str(f->name);
  if (n == "mode") return str(f->mode);
  if (n == "encoding" && !f->encoding.empty()) return str(f->encoding);
  return Value::null();
}

Type* make_file_type(const char* name) {
  Type* t = new_builtin_type(name, "_io", Layout::Native, nullptr);
  static NativeTypeHooks hooks = [] {
    NativeTypeHooks h;
    h.repr = file_repr;
    h.get_attr = file_attr;
    h.iter = [](const Value& v) { return (open_stream(v), v); };
    return h;
  }();
  t->hooks = &hooks;
  method(t, "read(self, size=-1, /)", f_read);
  method(t, "readline(self, size=-1, /)", f_readline);
  method(t, "readlines(self, hint=-1, /)", f_readlines);
  method(t, "write(self, s, /)", f_write);
  method(t, "writelines(self, lines, /)", f_writelines);
  method(t, "close(self)", f_close);
  method(t, "flush(self)", f_flush);
  method(t, "seek(self, cookie, whence=0, /)", f_seek);
  method(t, "tell(self)", f_tell);
  method(t, "readable(self)", f_readable);
  method(t, "writable(self)", f_writable);
  method(t, "seekable(self)", f_seekable);
  method(t, "fileno(self)", f_fileno);
  method(t, "isatty(self)", f_isatty);
  method(t, "__enter__(self)", f_enter);
  method(t, "__exit__(self, *args)", f_exit);
  method(t, "__iter__(self)", f_iter);
  method(t, "__next__(self)", f_next);
  return t;
}

enum FileKind { kText, kReader, kWriter, kRandom };
Type* file_type(FileKind kind) {
  static Type* const all[4] = {make_file_type("TextIOWrapper"), make_file_type("BufferedReader"),
                               make_file_type("BufferedWriter"), make_file_type("BufferedRandom")};
  return all[kind];
}

// ---- open() ----

struct Mode {
  char kind = 0;  // r w a x
  bool plus = false, binary = false, text = false;
};

Mode parse_mode(const std::string& mode) {
  Mode m;
  int kinds = 0;
  for (size_t i = 0; i < mode.size(); ++i) {
    char c = mode[i];
    if (std::strchr("rwax+bt", c) == nullptr || mode.find(c, i + 1) != std::string::npos)
      value_error("invalid mode: '" + mode + "'");
    if (c == '+') m.plus = true;
    else if (c == 'b') m.binary = true;
    else if (c == 't') m.text = true;
    else m.kind = c, ++kinds;
  }
  if (m.text && m.binary) value_error("can't have text and binary mode at once");
  if (kinds > 1) value_error("must have exactly one of create/read/write/append mode");
  if (kinds == 0) value_error("Must have exactly one of create/read/write/append mode and at most one plus");
  return m;
}

// FileIO's normalised mode string, which binary files report.
std::string binary_mode_name(const Mode& m) {
  if (m.kind == 'x') return m.plus ? "xb+" : "xb";
  if (m.kind == 'a') return m.plus ? "ab+" : "ab";
  if (m.kind == 'r' || m.plus) return m.plus ? "rb+" : "rb";
  return "wb";
}

std::optional<std::string> optional_str(const Value& v, const char* arg) {
  if (v.is_none()) return std::nullopt;
  if (auto* s = v.as<Str>()) return s->s;
  type_error(std::string("open() argument '") + arg + "' must be str or None, not " + type_name(v));
}

FileStream::Newline newline_arg(const std::optional<std::string>& nl) {
  if (!nl) return FileStream::Newline::Universal;
  if (*nl == "") return FileStream::Newline::Keep;
  if (*nl == "\n") return FileStream::Newline::LF;
  if (*nl == "\r") return FileStream::Newline::CR;
  if (*nl == "\r\n") return FileStream::Newline::CRLF;
  value_error("illegal newline value: " + *nl);
}

Value b_open(Value* a, const Value&) {  // file, mode, buffering, encoding, errors, newline, closefd, opener
  if (a[0].is_intlike()) type_error("open(): tscript opens files by path; file descriptors are not supported");
  auto* path_str = a[0].as<Str>();
  if (!path_str) type_error("expected str, bytes or os.PathLike object, not " + type_name(a[0]));
  std::string path = path_str->s;
  std::string mode_text = arg_str(a[1], "open");
  Mode m = parse_mode(mode_text);
  int64_t buffering = index_value(a[2]);
  std::optional<std::string> encoding = optional_str(a[3], "encoding"), errors = optional_str(a[4], "errors"),
                             newline = optional_str(a[5], "newline");
  if (m.binary && encoding) value_error("binary mode doesn't take an encoding argument");
  if (m.binary && errors) value_error("binary mode doesn't take an errors argument");
  if (m.binary && newline) value_error("binary mode doesn't take a newline argument");
  if (!truthy(a[6])) value_error("Cannot use closefd=False with file name");
  if (!a[7].is_none()) type_error("open(): tscript does not support opener=");
  if (!m.binary && buffering == 0) value_error("can't have unbuffered text I/O");
  FileStream::Newline nl = newline_arg(newline);
  if (encoding) {  // text is UTF-8 (not validated: undecodable bytes pass through)
    std::string e;
    for (char c : *encoding) e += c == '_' ? '-' : static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    if (e != "utf-8" && e != "utf8" && e != "u8" && e != "utf")
      value_error("open(): tscript reads and writes text as UTF-8 only, not '" + *encoding + "'");
  }
  check_file_access(path, m.kind == 'r' && !m.plus ? FileAccess::Read : FileAccess::Write);
  FileKind kind = !m.binary ? kText : m.plus ? kRandom : m.kind == 'r' ? kReader : kWriter;
  Value obj = Value::steal(new FileObject(file_type(kind)));
  FileObject* f = file_of(obj);
  if (int err = f->stream.open(path, m.kind, m.plus, m.binary, nl)) raise_os_error(err, path);
  f->name = path;
  f->mode = m.binary ? binary_mode_name(m) : mode_text;
  if (!m.binary) f->encoding = encoding ? *encoding : "UTF-8";
  return obj;
}

const char* kOpenSignature =
    "open(file, mode='r', buffering=-1, encoding=None, errors=None, newline=None, closefd=True, opener=None)";

}  // namespace

namespace {

[[noreturn]] void raise_errno(int err, const std::string* filename) {
  const ExceptionTypes& x = exc_types();
  Type* t = err == ENOENT                   ? x.file_not_found_error
            : err == EEXIST                 ? x.file_exists_error
            : err == EACCES || err == EPERM ? x.permission_error
            : err == EISDIR                 ? x.is_a_directory_error
            : err == ENOTDIR                ? x.not_a_directory_error
            : err == ETIMEDOUT              ? x.timeout_error
                                            : x.os_error;
  std::string strerror = std::strerror(err);
  std::string msg = "[Errno " + std::to_string(err) + "] " + strerror;
  if (filename) msg += ": " + str_repr(*filename);
  Value e = make_exception(t, msg);
  Dict* d = e.as<Exception>()->dict.get();
  d->set(str("errno"), Value(static_cast<int64_t>(err)));
  d->set(str("strerror"), str(strerror));
  d->set(str("filename"), filename ? str(*filename) : Value());
  raise_value(e);
}

}  // namespace

void raise_os_error(int err, const std::string& filename) { raise_errno(err, &filename); }
void raise_os_error(int err) { raise_errno(err, nullptr); }

void install_file_builtins(VM&, Dict* b) { def(b, kOpenSignature, b_open); }

Ref<Module> make_io(VM&) {
  auto m = make<Module>("io");
  def(m->dict.get(), kOpenSignature, b_open);
  set_global(m->dict.get(), "UnsupportedOperation", Value(static_cast<Object*>(unsupported_operation_type())));
  for (FileKind kind : {kText, kReader, kWriter, kRandom})
    set_global(m->dict.get(), file_type(kind)->name.c_str(), Value(static_cast<Object*>(file_type(kind))));
  return m;
}

}  // namespace tscript
