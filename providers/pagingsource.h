#pragma once

#include <clock.h>

namespace Candlewick {

// What a PagedHistoryJob reads from the provider it belongs to: the Clock and, whenever it cuts or
// sends pages, the page limit and the requests one job keeps in flight (both may change while it
// runs).
class PagingSource
{
public:
    virtual ~PagingSource() = default;

    virtual Clock *clock() const = 0;
    // Rows (or buckets) one page asks for.
    virtual int pageLimit() const = 0;
    virtual int maxConcurrentRequests() const = 0;
};

} // namespace Candlewick
