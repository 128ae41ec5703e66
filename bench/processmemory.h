#pragma once

#include <QtGlobal>

namespace Candlewick::Bench {

// This process's memory, from /proc (0 when it cannot be read).

// The resident set now, in bytes.
qint64 residentBytes();
// The most the resident set held since the start or the last resetPeakResident() (VmHWM), in
// bytes.
qint64 peakResidentBytes();
// Starts peakResidentBytes() again from the resident set of now.
void resetPeakResident();

} // namespace Candlewick::Bench
