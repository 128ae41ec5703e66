#include "progressprinter.h"

#include <cstdio>
#include <unistd.h>

namespace Candlewick::Cli {

ProgressPrinter::ProgressPrinter(QTextStream &err)
    : m_err(err)
    , m_tty(isatty(fileno(stderr)) == 1)
{
    m_started.start();
}

void ProgressPrinter::update(const QString &label, qint64 done, qint64 total, qint64 candles)
{
    const qint64 elapsed = m_started.elapsed();
    const bool complete = total > 0 && done >= total;
    const bool due = m_lastPrintMs < 0 || elapsed - m_lastPrintMs >= (m_tty ? 100 : 2000);
    if ((done == m_lastDone && candles == m_lastCandles) || !(due || complete))
        return;
    m_lastPrintMs = elapsed;
    m_lastDone = done;
    m_lastCandles = candles;
    const double fraction = total > 0 ? qBound(0.0, double(done) / double(total), 1.0) : 1.0;
    const double rate = elapsed > 0 ? candles * 1000.0 / double(elapsed) : 0.0;
    const QString eta = fraction > 0 && fraction < 1
        ? tr(" ETA %1 s").arg(elapsed * (1 - fraction) / fraction / 1000.0, 0, 'f', 0)
        : QString();
    const QString stats = tr("%1 %2% %3 candles %4/s%5")
                              .arg(label)
                              .arg(fraction * 100, 0, 'f', 1)
                              .arg(candles)
                              .arg(rate, 0, 'f', 0)
                              .arg(eta);
    if (m_tty) {
        constexpr int Width = 30;
        const int filled = int(fraction * Width);
        m_err << '\r' << '[' << QString(filled, u'#') << QString(Width - filled, u'.') << "] "
              << stats << "\x1b[K";
        m_barOpen = true;
    } else {
        m_err << stats << '\n';
    }
    m_err.flush();
}

void ProgressPrinter::finish()
{
    if (m_barOpen) {
        m_err << '\n';
        m_err.flush();
        m_barOpen = false;
    }
}

} // namespace Candlewick::Cli
