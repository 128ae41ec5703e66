#include "mocksymbolsjob.h"

#include <QMetaObject>

namespace Candlewick {

MockSymbolsJob::MockSymbolsJob(SymbolList symbols, QObject *parent)
    : SymbolsJob(parent)
    , m_list(std::move(symbols))
{
}

void MockSymbolsJob::doStart()
{
    QMetaObject::invokeMethod(
        this, [this] { finishWith(m_list); }, Qt::QueuedConnection);
}

} // namespace Candlewick
