#pragma once

#include "historyjob.h"
#include "mockcandlegenerator.h"

#include <optional>

namespace Candlewick {

// History of the demo exchange: generated (or scripted) candles handed out in batches of
// BatchSize, one batch per event-loop turn, so a long range never blocks the caller.
class MockHistoryJob : public HistoryJob
{
    Q_OBJECT
public:
    static constexpr qsizetype BatchSize = 1000;

    // Generated candles with open time in [fromMs, toMs) whose close time is <= closedBeforeMs.
    MockHistoryJob(const MockCandleGenerator &generator, const SeriesKey &key, qint64 fromMs,
                   qint64 toMs, qint64 closedBeforeMs, QObject *parent = nullptr);
    // Scripted candles: the closed ones of `script` with open time in [fromMs, toMs).
    MockHistoryJob(const CandleBatch &script, const SeriesKey &key, qint64 fromMs, qint64 toMs,
                   QObject *parent = nullptr);

protected:
    void doStart() override;

private:
    void handleNextBatch();

    MockCandleGenerator m_generator;
    std::optional<CandleBatch> m_script;
    qint64 m_next;
    qint64 m_end;
    qint64 m_done = 0;
    qint64 m_total = 0;
};

} // namespace Candlewick
