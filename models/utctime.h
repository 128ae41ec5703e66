#pragma once

#include <QString>

#include <optional>

namespace Candlewick::UtcTime {

// Parses what a user types at the edges (CLI, UI) into ms since epoch, UTC:
// "2024-03-01" (midnight UTC), "2024-03-01T12:30", "2024-03-01T12:30:00Z", "...+02:00",
// "2024-03-01 12:30:00", or plain ms since epoch ("1709251200000"). Times without an offset are
// UTC, never local time.
std::optional<qint64> parse(const QString &text);

// "2024-03-01T12:30:00Z"; milliseconds are shown only when not zero.
QString format(qint64 ms);

} // namespace Candlewick::UtcTime
