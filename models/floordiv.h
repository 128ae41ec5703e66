#pragma once

namespace Candlewick {

// a / b rounded toward minus infinity (built-in division truncates toward zero); b != 0. For any
// integer type, __int128 included.
template<typename Int> constexpr Int floorDiv(Int a, Int b)
{
    const Int q = a / b;
    return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q;
}

} // namespace Candlewick
