#pragma once

#include <charconv>
#include <string_view>

namespace Candlewick {

// Whether all of `text` is one number as std::from_chars reads it ("17071.5", "1670608800000"):
// not empty, nothing before or after it, in range. The number goes to *out.
template<typename T> bool parseWholeNumber(std::string_view text, T *out)
{
    const char *last = text.data() + text.size();
    const auto [ptr, ec] = std::from_chars(text.data(), last, *out);
    return ec == std::errc() && ptr == last && !text.empty();
}

} // namespace Candlewick
