#include "replayhistoryjob.h"

#include <QMetaObject>

namespace Candlewick {

void ReplayHistoryJob::start()
{
    QMetaObject::invokeMethod(
        this,
        [this] {
            finishError({ProviderError::Kind::InvalidRequest, 0, 0,
                         QStringLiteral("Replay has no history of its own: read the range from "
                                        "the local database instead."),
                         0});
        },
        Qt::QueuedConnection);
}

void ReplayHistoryJob::cancel()
{
    finishError({ProviderError::Kind::Cancelled, 0, 0, QStringLiteral("Cancelled."), 0});
}

} // namespace Candlewick
