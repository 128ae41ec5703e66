#pragma once

#include "job.h"

#include <symbolinfo.h>

namespace Candlewick {

// The download of an exchange's instrument list. Ends like every Job; symbols() holds the list
// once it has finished.
class SymbolsJob : public Job
{
    Q_OBJECT
public:
    using Job::Job;

    const SymbolList &symbols() const { return m_symbols; }

protected:
    void finishWith(SymbolList symbols);

private:
    SymbolList m_symbols;
};

} // namespace Candlewick
