#include "symbolsjob.h"

namespace Candlewick {

void SymbolsJob::finishWith(SymbolList symbols)
{
    if (isFinished())
        return;
    m_symbols = std::move(symbols);
    emitResult();
}

} // namespace Candlewick
