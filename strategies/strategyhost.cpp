#include "strategyhost.h"

#include <strategyfactory.h>

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QLibrary>
#include <QLoggingCategory>
#include <QPluginLoader>
#include <QSettings>
#include <QTranslator>

#include <exception>

Q_LOGGING_CATEGORY(lcStrategies, "candlewick.strategies")

namespace Candlewick {

StrategyHost::StrategyHost(QObject *parent)
    : QObject(parent)
    , m_dirs(defaultPluginDirectories())
{
}

StrategyHost::~StrategyHost() = default;

QStringList StrategyHost::defaultPluginDirectories()
{
    QStringList dirs;
#ifdef CANDLEWICK_PLUGIN_BUILD_DIR
    dirs.append(QStringLiteral(CANDLEWICK_PLUGIN_BUILD_DIR));
#endif
    if (QCoreApplication::instance()) {
        const QString app = QCoreApplication::applicationDirPath();
        dirs.append(QDir::cleanPath(app + QStringLiteral("/../lib/candlewick/plugins")));
        dirs.append(QDir::cleanPath(app + QStringLiteral("/plugins")));
    }
    const QStringList configured
        = QSettings().value(QStringLiteral("strategies/pluginDirectories")).toStringList();
    for (const QString &d : configured) {
        if (!d.isEmpty() && !dirs.contains(d))
            dirs.append(d);
    }
    return dirs;
}

void StrategyHost::addPluginDirectory(const QString &dir)
{
    m_dirs.removeAll(dir);
    m_dirs.prepend(dir);
}

void StrategyHost::addProblem(const QString &file, const QString &message)
{
    qCWarning(lcStrategies).noquote() << file << ":" << message;
    m_problems.append({file, message});
    emit problemFound(file, message);
}

void StrategyHost::installTranslator(Plugin &plugin)
{
    const QLocale locale;
    plugin.translator.reset(); // its destructor uninstalls it; the language may have changed
    auto translator = std::make_unique<QTranslator>();
    if (locale.language() == QLocale::English
        || !translator->load(locale, plugin.info.name, QStringLiteral("_"),
                             QStringLiteral(":/i18n")))
        return;
    QCoreApplication::installTranslator(translator.get());
    plugin.translator = std::move(translator);
}

int StrategyHost::scan()
{
    // Loaded libraries stay loaded; only the list is rebuilt from what is on disk now.
    std::vector<Plugin> previous = std::move(m_plugins);
    m_plugins.clear();
    m_problems.clear();
    for (const QString &dirName : std::as_const(m_dirs)) {
        QDir dir(dirName);
        if (!dir.exists())
            continue;
        const QFileInfoList files = dir.entryInfoList(QDir::Files, QDir::Name);
        for (const QFileInfo &f : files) {
            if (!QLibrary::isLibrary(f.fileName()))
                continue;
            const QString path = f.canonicalFilePath();
            bool reused = false;
            for (Plugin &p : previous) {
                if (p.loader && p.info.fileName == path && p.loader->isLoaded()) {
                    m_plugins.push_back(std::move(p));
                    reused = true;
                    break;
                }
            }
            if (!reused)
                addPluginFile(path);
        }
    }
    // Loaded libraries that vanished from disk are kept alive (never unloaded), not listed.
    for (Plugin &p : previous) {
        if (p.loader && p.loader->isLoaded())
            p.loader.release(); // deliberately leaked: unloading a live plugin is unsafe
    }
    return static_cast<int>(m_plugins.size());
}

bool StrategyHost::addPluginFile(const QString &fileName)
{
    if (!QFileInfo::exists(fileName)) {
        addProblem(fileName, tr("no such file"));
        return false;
    }
    auto loader = std::make_unique<QPluginLoader>(fileName);
    const QJsonObject meta = loader->metaData();
    if (meta.isEmpty()) {
        addProblem(fileName, tr("not a loadable Qt plugin: %1").arg(loader->errorString()));
        return false;
    }
    QString error;
    auto info = StrategyInfo::fromPluginMetaData(meta, &error);
    if (!info) {
        addProblem(fileName, error);
        return false;
    }
    info->fileName = QFileInfo(fileName).canonicalFilePath();
    for (const Plugin &p : m_plugins) {
        if (p.info.name == info->name) {
            addProblem(fileName,
                       tr("a strategy named \"%1\" was already found in %2")
                           .arg(info->name, p.info.fileName));
            return false;
        }
    }
    m_plugins.push_back({*info, std::move(loader), nullptr});
    return true;
}

QList<StrategyInfo> StrategyHost::strategies() const
{
    QList<StrategyInfo> list;
    for (const Plugin &p : m_plugins)
        list.append(p.info);
    return list;
}

const StrategyInfo *StrategyHost::strategy(const QString &name) const
{
    for (const Plugin &p : m_plugins) {
        if (p.info.name == name)
            return &p.info;
    }
    return nullptr;
}

StrategyRun *StrategyHost::createRun(const QString &name, const QVariantMap &params, QString *error)
{
    Plugin *plugin = nullptr;
    for (Plugin &p : m_plugins) {
        if (p.info.name == name)
            plugin = &p;
    }
    if (!plugin) {
        QStringList names;
        for (const Plugin &p : m_plugins)
            names.append(p.info.name);
        *error = tr("no strategy named \"%1\" (found: %2; searched %3)")
                     .arg(name, names.isEmpty() ? tr("none") : names.join(QStringLiteral(", ")),
                          m_dirs.join(QStringLiteral(", ")));
        return nullptr;
    }
    StrategyApi::Parameters resolved;
    if (!plugin->info.resolveParameters(params, &resolved, error))
        return nullptr;

    QObject *root = plugin->loader->instance();
    if (!root) {
        *error = tr("cannot load %1: %2").arg(plugin->info.fileName, plugin->loader->errorString());
        return nullptr;
    }
    installTranslator(*plugin);
    // A version 1 plugin answers to the old IID only; its factory has the same layout.
    const bool v1 = plugin->info.apiVersion == 1;
    const char *iid = v1 ? CandlewickStrategyFactoryV1_iid : CandlewickStrategyFactory_iid;
    void *face = root->qt_metacast(iid);
    StrategyApi::StrategyFactory *factory = v1 ? static_cast<StrategyApi::StrategyFactoryV1 *>(face)
                                               : static_cast<StrategyApi::StrategyFactory *>(face);
    if (!factory) {
        *error = tr("%1 does not implement %2").arg(plugin->info.fileName, QLatin1StringView(iid));
        return nullptr;
    }
    std::unique_ptr<StrategyApi::Strategy> strategy;
    try {
        strategy = factory->create();
    } catch (const std::exception &e) {
        *error = tr("strategy %1 failed to create an instance: %2")
                     .arg(name, QString::fromUtf8(e.what()));
        return nullptr;
    } catch (...) {
        *error = tr("strategy %1 failed to create an instance").arg(name);
        return nullptr;
    }
    if (!strategy) {
        *error = tr("strategy %1 returned no instance").arg(name);
        return nullptr;
    }
    auto *run = new StrategyRun(plugin->info, std::move(strategy), this);
    if (!run->start(resolved)) {
        *error = run->errorString();
        delete run;
        return nullptr;
    }
    connect(run, &StrategyRun::failed, this,
            [this, run](const QString &message) { emit runFailed(run, message); });
    return run;
}

bool StrategyHost::parseAssignments(const QStringList &assignments, QVariantMap *params,
                                    QString *error)
{
    for (const QString &a : assignments) {
        const qsizetype eq = a.indexOf(u'=');
        if (eq <= 0) {
            *error = tr("parameter \"%1\" must be written name=value").arg(a);
            return false;
        }
        params->insert(a.left(eq).trimmed(), a.mid(eq + 1));
    }
    return true;
}

} // namespace Candlewick
