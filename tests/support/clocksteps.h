#pragma once

#include <manualclock.h>

#include <algorithm>

namespace Candlewick::Testing {

// Moves `clock` forward `ms`, one second at a time (the last step what remains), and calls
// `settle` after each step so that what the fakes send at each second arrives before the next.
template<typename Settle> void stepSeconds(ManualClock &clock, qint64 ms, Settle settle)
{
    for (qint64 done = 0; done < ms; done += 1000) {
        clock.advance(std::min<qint64>(1000, ms - done));
        settle();
    }
}

} // namespace Candlewick::Testing
