#pragma once

#include "httprequest.h"
#include "httpresponse.h"

#include <optional>

namespace Candlewick {

class ReplayFeed;

// The replay's control endpoints: GET /candlewick/v1/replay ->
// {"time","from","to","speed","paused","progress"} (speed "max" at max); POST
// /candlewick/v1/replay/pause, /resume, /speed?x=<factor|max>, /seek?time=<ms|ISO-8601>. Seek
// keeps the paused or playing state; after it the first event is the candle that opens then.
class ReplayControlApi
{
public:
    explicit ReplayControlApi(ReplayFeed *feed);

    static bool isControlPath(const QByteArray &path);
    // The answer for a control request; nothing when the path is not one of them.
    std::optional<HttpResponse> handle(const HttpRequest &request);

private:
    HttpResponse state() const;

    ReplayFeed *m_feed;
};

} // namespace Candlewick
