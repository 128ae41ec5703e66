#include "sharedweightstate.h"

#include <QCryptographicHash>
#include <QDataStream>
#include <QDir>
#include <QFileInfo>
#include <QStandardPaths>

#include <atomic>

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <signal.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

namespace Candlewick {

namespace {

constexpr quint32 Magic = 0x43575753; // "CWWS"
constexpr quint32 Version = 2;
constexpr qint32 MaxEntries = 4096;

struct Slot
{
    qint64 pid = 0;
    quint64 id = 0;
    qint32 weight = 0;
    qint32 requests = 0;
};

struct Stored
{
    bool known = false;
    qint64 blockedUntil = 0;
    QList<SharedWeightState::Window> windows;
    QList<qint64> countedUntil;
    QList<Slot> users;
};

QByteArray serialize(const Stored &s)
{
    QByteArray bytes;
    QDataStream out(&bytes, QIODevice::WriteOnly);
    out.setVersion(QDataStream::Qt_6_0);
    out << Magic << Version << s.known << s.blockedUntil << qint32(s.windows.size());
    for (const SharedWeightState::Window &w : s.windows)
        out << qint32(w.limit) << w.lengthMs << w.headerName << w.start << qint32(w.reported)
            << qint32(w.completed);
    out << qint32(s.countedUntil.size());
    for (qint64 until : s.countedUntil)
        out << until;
    out << qint32(s.users.size());
    for (const Slot &slot : s.users)
        out << slot.pid << slot.id << slot.weight << slot.requests;
    return bytes;
}

// An empty, short or damaged file reads as a fresh state.
Stored parse(const QByteArray &bytes)
{
    QDataStream in(bytes);
    in.setVersion(QDataStream::Qt_6_0);
    quint32 magic = 0;
    quint32 version = 0;
    Stored s;
    qint32 count = 0;
    in >> magic >> version >> s.known >> s.blockedUntil >> count;
    if (in.status() != QDataStream::Ok || magic != Magic || version != Version || count < 0
        || count > MaxEntries)
        return {};
    for (qint32 i = 0; i < count; ++i) {
        SharedWeightState::Window w;
        qint32 limit = 0, reported = 0, completed = 0;
        in >> limit >> w.lengthMs >> w.headerName >> w.start >> reported >> completed;
        w.limit = limit;
        w.reported = reported;
        w.completed = completed;
        if (w.lengthMs <= 0 || w.limit <= 0)
            return {};
        s.windows.append(w);
    }
    in >> count;
    if (in.status() != QDataStream::Ok || count < 0 || count > MaxEntries)
        return {};
    for (qint32 i = 0; i < count; ++i) {
        qint64 until = 0;
        in >> until;
        s.countedUntil.append(until);
    }
    in >> count;
    if (in.status() != QDataStream::Ok || count < 0 || count > MaxEntries)
        return {};
    for (qint32 i = 0; i < count; ++i) {
        Slot slot;
        in >> slot.pid >> slot.id >> slot.weight >> slot.requests;
        s.users.append(slot);
    }
    if (in.status() != QDataStream::Ok || !in.atEnd())
        return {};
    return s;
}

bool processAlive(qint64 pid)
{
    return pid > 0 && (::kill(pid_t(pid), 0) == 0 || errno == EPERM);
}

QString systemError(const QString &what, const QString &path)
{
    return QStringLiteral("%1 %2: %3")
        .arg(what, path, QString::fromLocal8Bit(std::strerror(errno)));
}

std::atomic<quint64> nextSlotId{1};

} // namespace

QString SharedWeightState::defaultDirectory()
{
    const QString runtime = qEnvironmentVariable("XDG_RUNTIME_DIR");
    if (!runtime.isEmpty() && QFileInfo(runtime).isDir())
        return QDir(runtime).filePath(QStringLiteral("candlewick"));
    return QDir(QStandardPaths::writableLocation(QStandardPaths::GenericCacheLocation))
        .filePath(QStringLiteral("candlewick"));
}

QString SharedWeightState::filePathFor(const QUrl &baseUrl, const QString &directory)
{
    const QUrl key
        = baseUrl.adjusted(QUrl::RemoveUserInfo | QUrl::RemoveQuery | QUrl::RemoveFragment
                           | QUrl::StripTrailingSlash | QUrl::NormalizePathSegments);
    const QByteArray hash
        = QCryptographicHash::hash(key.toString().toLower().toUtf8(), QCryptographicHash::Sha256)
              .toHex()
              .left(24);
    return QDir(directory).filePath(
        QStringLiteral("weight-%1-%2.state")
            .arg(key.host().isEmpty() ? QStringLiteral("local") : key.host(),
                 QString::fromLatin1(hash)));
}

SharedWeightState::SharedWeightState(QString filePath)
    : m_path(std::move(filePath))
    , m_slot(nextSlotId.fetch_add(1))
{
}

SharedWeightState::~SharedWeightState()
{
    detach(-1);
}

bool SharedWeightState::lock()
{
    const QByteArray path = QFile::encodeName(m_path);
    for (int attempt = 0; attempt < 16; ++attempt) {
        if (m_fd < 0) {
            const QString dir = QFileInfo(m_path).absolutePath();
            if (!QDir().mkpath(dir)) {
                m_error = tr("cannot create %1").arg(dir);
                return false;
            }
            m_fd = ::open(path.constData(), O_RDWR | O_CREAT | O_CLOEXEC, 0600);
            if (m_fd < 0) {
                m_error = systemError(tr("cannot open"), m_path);
                return false;
            }
        }
        int r;
        do {
            r = ::flock(m_fd, LOCK_EX);
        } while (r < 0 && errno == EINTR);
        if (r < 0) {
            m_error = systemError(tr("cannot lock"), m_path);
            ::close(m_fd);
            m_fd = -1;
            return false;
        }
        // The last user may have removed the file while we waited for the lock: then the lock
        // is on an orphan, and the state lives in a new file.
        struct stat held;
        struct stat named;
        if (::fstat(m_fd, &held) == 0 && ::stat(path.constData(), &named) == 0
            && held.st_ino == named.st_ino && held.st_dev == named.st_dev)
            return true;
        ::close(m_fd); // drops the lock
        m_fd = -1;
    }
    m_error = tr("%1 keeps being replaced").arg(m_path);
    return false;
}

void SharedWeightState::unlock()
{
    if (m_fd >= 0)
        ::flock(m_fd, LOCK_UN);
}

QByteArray SharedWeightState::readAll()
{
    struct stat st;
    if (::fstat(m_fd, &st) != 0 || st.st_size <= 0 || st.st_size > 1024 * 1024)
        return {};
    QByteArray bytes(qsizetype(st.st_size), Qt::Uninitialized);
    qsizetype done = 0;
    while (done < bytes.size()) {
        const ssize_t n = ::pread(m_fd, bytes.data() + done, size_t(bytes.size() - done), done);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            return {};
        done += n;
    }
    return bytes;
}

bool SharedWeightState::writeAll(const QByteArray &bytes)
{
    qsizetype done = 0;
    while (done < bytes.size()) {
        const ssize_t n
            = ::pwrite(m_fd, bytes.constData() + done, size_t(bytes.size() - done), done);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0) {
            m_error = systemError(tr("cannot write"), m_path);
            return false;
        }
        done += n;
    }
    if (::ftruncate(m_fd, bytes.size()) != 0) {
        m_error = systemError(tr("cannot write"), m_path);
        return false;
    }
    return true;
}

bool SharedWeightState::update(const std::function<void(Data &)> &fn)
{
    if (!lock())
        return false;
    Stored stored = parse(readAll());
    const qint64 pid = ::getpid();
    Data data;
    data.known = stored.known;
    data.blockedUntil = stored.blockedUntil;
    data.windows = stored.windows;
    data.countedUntil = stored.countedUntil;
    Slot own{pid, m_slot, 0, 0};
    QList<Slot> others;
    for (const Slot &slot : std::as_const(stored.users)) {
        if (slot.pid == pid && slot.id == m_slot) {
            own = slot;
        } else if (processAlive(slot.pid)) {
            others.append(slot);
            data.othersInFlightWeight += slot.weight;
            data.othersInFlightRequests += slot.requests;
        }
    }
    data.ownInFlightWeight = own.weight;
    data.ownInFlightRequests = own.requests;

    fn(data);

    stored.known = data.known;
    stored.blockedUntil = data.blockedUntil;
    stored.windows = data.windows;
    stored.countedUntil
        = data.countedUntil.mid(std::max<qsizetype>(0, data.countedUntil.size() - MaxEntries));
    own.weight = data.ownInFlightWeight;
    own.requests = data.ownInFlightRequests;
    stored.users = others;
    stored.users.append(own);
    const bool ok = writeAll(serialize(stored));
    unlock();
    m_attached = true;
    return ok;
}

void SharedWeightState::detach(qint64 nowMs)
{
    if (m_attached && lock()) {
        m_attached = false;
        Stored stored = parse(readAll());
        const qint64 pid = ::getpid();
        stored.users.removeIf([&](const Slot &slot) {
            return (slot.pid == pid && slot.id == m_slot) || !processAlive(slot.pid);
        });
        bool idle = nowMs >= 0 && stored.users.isEmpty() && stored.blockedUntil <= nowMs;
        for (const Window &w : std::as_const(stored.windows)) {
            const bool unused = w.reported == 0 && w.completed == 0;
            idle = idle && (unused || w.start + w.lengthMs <= nowMs);
        }
        for (qint64 until : std::as_const(stored.countedUntil))
            idle = idle && until <= nowMs;
        if (idle)
            ::unlink(QFile::encodeName(m_path).constData());
        else
            writeAll(serialize(stored));
        unlock();
    }
    if (m_fd >= 0) {
        ::close(m_fd);
        m_fd = -1;
    }
}

} // namespace Candlewick
