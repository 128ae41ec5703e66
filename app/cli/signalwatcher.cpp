#include "signalwatcher.h"

#include <sys/socket.h>
#include <unistd.h>

namespace Candlewick::Cli {

namespace {

int signalFds[2] = {-1, -1};

void handleSignal(int)
{
    const char byte = 1;
    // Only async-signal-safe calls here: the event loop reads the other end.
    [[maybe_unused]] const auto written = ::write(signalFds[0], &byte, 1);
}

} // namespace

SignalWatcher::SignalWatcher(std::function<void()> onSignal)
{
    if (::socketpair(AF_UNIX, SOCK_STREAM, 0, signalFds) != 0)
        return;
    m_notifier = std::make_unique<QSocketNotifier>(signalFds[1], QSocketNotifier::Read);
    QObject::connect(m_notifier.get(), &QSocketNotifier::activated, m_notifier.get(),
                     [fn = std::move(onSignal)] {
                         char byte;
                         [[maybe_unused]] const auto n = ::read(signalFds[1], &byte, 1);
                         fn();
                     });
    struct sigaction action = {};
    action.sa_handler = handleSignal;
    sigemptyset(&action.sa_mask);
    action.sa_flags = SA_RESTART;
    ::sigaction(SIGINT, &action, &m_oldInt);
    ::sigaction(SIGTERM, &action, &m_oldTerm);
}

SignalWatcher::~SignalWatcher()
{
    if (!m_notifier)
        return;
    ::sigaction(SIGINT, &m_oldInt, nullptr);
    ::sigaction(SIGTERM, &m_oldTerm, nullptr);
    m_notifier.reset();
    ::close(signalFds[0]);
    ::close(signalFds[1]);
    signalFds[0] = signalFds[1] = -1;
}

} // namespace Candlewick::Cli
