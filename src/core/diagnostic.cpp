#include "core/diagnostic.hpp"

#include <algorithm>
#include <ostream>
#include <tuple>

namespace visie::core {

namespace {

std::string_view severity_name(Severity s) {
  switch (s) {
    case Severity::error: return "error";
    case Severity::warning: return "warning";
    case Severity::note: return "note";
  }
  return "error";
}

}  // namespace

std::string format(const Diagnostic& d) {
  std::string out = d.loc.file.empty() ? std::string("visie") : d.loc.file;
  if (d.loc.line > 0) {
    out += ':' + std::to_string(d.loc.line) + ':' + std::to_string(d.loc.col);
  }
  out += ": ";
  out += severity_name(d.severity);
  out += ": ";
  out += d.message;
  return out;
}

void Diagnostics::error(SourceLoc loc, std::string message) {
  items_.push_back({Severity::error, std::move(loc), std::move(message)});
  ++errors_;
}

void Diagnostics::warning(SourceLoc loc, std::string message) {
  items_.push_back({Severity::warning, std::move(loc), std::move(message)});
}

void Diagnostics::note(SourceLoc loc, std::string message) {
  items_.push_back({Severity::note, std::move(loc), std::move(message)});
}

void Diagnostics::add(Diagnostic d) {
  if (d.severity == Severity::error) ++errors_;
  items_.push_back(std::move(d));
}

void Diagnostics::append(const Diagnostics& other) {
  for (const auto& d : other.items_) items_.push_back(d);
  errors_ += other.errors_;
}

std::vector<Diagnostic> Diagnostics::sorted() const {
  auto out = items_;
  std::stable_sort(out.begin(), out.end(), [](const Diagnostic& a, const Diagnostic& b) {
    return std::tie(a.loc.file, a.loc.line, a.loc.col) < std::tie(b.loc.file, b.loc.line, b.loc.col);
  });
  return out;
}

void Diagnostics::print(std::ostream& out) const {
  for (const auto& d : sorted()) out << format(d) << '\n';
}

}  // namespace visie::core
