#pragma once

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QString>
#include <QTextStream>

namespace Candlewick::Cli {

// Progress on stderr: a redrawn bar when stderr is a terminal, otherwise a plain line at most
// every few seconds (and at 100 %), so logs stay readable.
class ProgressPrinter
{
    Q_DECLARE_TR_FUNCTIONS(Candlewick::Cli::ProgressPrinter)

public:
    explicit ProgressPrinter(QTextStream &err);

    void update(const QString &label, qint64 done, qint64 total, qint64 candles);
    // Ends the bar line (terminal only).
    void finish();

private:
    QTextStream &m_err;
    bool m_tty;
    bool m_barOpen = false;
    QElapsedTimer m_started;
    qint64 m_lastPrintMs = -1;
    qint64 m_lastDone = -1;
    qint64 m_lastCandles = -1;
};

} // namespace Candlewick::Cli
