#include "threadcpu.h"

#include <QDir>
#include <QFile>

namespace Candlewick::Bench {

QHash<QString, double> namedThreadsCpuSeconds(const QByteArray &name)
{
    QHash<QString, double> seconds;
    const QDir tasks(QStringLiteral("/proc/self/task"));
    for (const QString &tid : tasks.entryList(QDir::Dirs | QDir::NoDotAndDotDot)) {
        QFile comm(tasks.filePath(tid + QStringLiteral("/comm")));
        QFile schedstat(tasks.filePath(tid + QStringLiteral("/schedstat")));
        if (!comm.open(QIODevice::ReadOnly) || !comm.readAll().startsWith(name.left(15))
            || !schedstat.open(QIODevice::ReadOnly))
            continue;
        seconds.insert(tid, schedstat.readAll().split(' ').value(0).toDouble() / 1e9);
    }
    return seconds;
}

double namedThreadsCpuSince(const QByteArray &name, const QHash<QString, double> &before)
{
    double seconds = 0;
    const QHash<QString, double> now = namedThreadsCpuSeconds(name);
    for (auto it = now.cbegin(); it != now.cend(); ++it)
        seconds += it.value() - before.value(it.key());
    return seconds;
}

} // namespace Candlewick::Bench
