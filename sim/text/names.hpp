// Names and key paths: the nearest spelling of a name, for did-you-mean hints, and joining a key
// path.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace labsim::text {

// The nearest of `candidates` to `word`, or "" when none is close: a candidate `word` starts
// (case-insensitive, `word` of 2 characters or more), else the first with the smallest edit
// distance (case-insensitive) when that is at most max(2, length / 3).
std::string nearest(std::string_view word, const std::vector<std::string>& candidates);

// Joins a key path: join_path("a.b", "c") == "a.b.c"; join_path("", "c") == "c".
std::string join_path(const std::string& path, std::string_view key);

}  // namespace labsim::text
