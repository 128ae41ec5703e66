#pragma once

#include "symbolsjob.h"

namespace Candlewick {

// The role of a source of instrument lists (an exchange's exchangeInfo and the like). The job is not
// started; the caller connects to it, then calls start().
class SymbolSource
{
public:
    virtual ~SymbolSource() = default;
    virtual SymbolsJob *fetchSymbols() = 0;

protected:
    SymbolSource() = default;
    SymbolSource(const SymbolSource &) = default;
    SymbolSource &operator=(const SymbolSource &) = default;
};

} // namespace Candlewick
