#include "demoexchange.h"

#include "demosession.h"

#include <exchange.h>

namespace Candlewick::Demo {

const Exchange &exchange()
{
    static const Exchange exchange{
        QStringLiteral("demo"),
        QT_TRANSLATE_NOOP("Exchange", "Demo (offline)"),
        QT_TRANSLATE_NOOP("Exchange", "synthetic spot market"),
        {Interval::M1, Interval::M5, Interval::M15, Interval::H1, Interval::H4, Interval::D1},
        QUrl(),
        QUrl(),
        false,
        [](const QString &base, const QString &quote, const QString &settle) {
            return settle.isEmpty() ? base + quote : QString(); // spot settles nothing
        },
        [](const Exchange &e, const Endpoints &, Clock *clock,
           QObject *parent) -> ExchangeSession * { return new DemoSession(e, clock, parent); },
    };
    return exchange;
}

} // namespace Candlewick::Demo
