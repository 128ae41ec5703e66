#pragma once

#include <QSocketNotifier>

#include <csignal>
#include <functional>
#include <memory>

namespace Candlewick::Cli {

// Turns SIGINT / SIGTERM into a call of `onSignal` from the event loop, for its lifetime (the
// self-pipe trick: the handler only writes a byte that a socket notifier reads). One at a time.
class SignalWatcher
{
public:
    explicit SignalWatcher(std::function<void()> onSignal);
    ~SignalWatcher();
    SignalWatcher(const SignalWatcher &) = delete;
    SignalWatcher &operator=(const SignalWatcher &) = delete;

private:
    std::unique_ptr<QSocketNotifier> m_notifier;
    struct sigaction m_oldInt = {};
    struct sigaction m_oldTerm = {};
};

} // namespace Candlewick::Cli
