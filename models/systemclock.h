#pragma once

#include "clock.h"

namespace Candlewick {

// The real UTC wall clock, with QTimer-based calls.
class SystemClock : public Clock
{
    Q_OBJECT
public:
    using Clock::Clock;

    qint64 nowMs() const override;
    QObject *callAt(qint64 atMs, QObject *context, std::function<void()> fn) override;
};

} // namespace Candlewick
