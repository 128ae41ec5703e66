#include "symbolsjob.h"

namespace Candlewick {

void SymbolsJob::finishSuccess(SymbolList symbols)
{
    if (m_done)
        return;
    m_done = true;
    m_symbols = std::move(symbols);
    emit finished(m_symbols);
    deleteLater();
}

void SymbolsJob::finishError(ProviderError error)
{
    if (m_done)
        return;
    m_done = true;
    m_error = std::move(error);
    emit failed(m_error);
    deleteLater();
}

} // namespace Candlewick
