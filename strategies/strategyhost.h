#pragma once

#include "strategyinfo.h"
#include "strategyrun.h"

#include <QList>
#include <QObject>
#include <QStringList>

#include <memory>
#include <vector>

class QPluginLoader;
class QTranslator;

namespace Candlewick {

// Finds strategy plugins in the configured plugin directories only, reads and validates their
// metadata before loading them, and creates runs. Faulty plugins (wrong IID, bad metadata, a
// broken or missing library, a duplicate name) are reported in problems() and skipped; nothing
// is fatal. Libraries stay loaded for the host's lifetime (never unloaded at runtime).
class StrategyHost : public QObject
{
    Q_OBJECT
public:
    struct Problem
    {
        QString file;
        QString message;
    };

    explicit StrategyHost(QObject *parent = nullptr);
    ~StrategyHost() override;

    // The build tree's plugin directory, the installed one next to the executable
    // (../lib/candlewick/plugins and ./plugins), then QSettings "strategies/pluginDirectories".
    static QStringList defaultPluginDirectories();

    void setPluginDirectories(const QStringList &dirs) { m_dirs = dirs; }
    // Puts a directory in front of the others (a --plugin-dir).
    void addPluginDirectory(const QString &dir);
    QStringList pluginDirectories() const { return m_dirs; }

    // (Re)reads every directory. Returns the number of usable strategies.
    int scan();
    // Reads one library file; false (and a problem) when it is not a usable strategy plugin.
    bool addPluginFile(const QString &fileName);

    QList<StrategyInfo> strategies() const;
    const StrategyInfo *strategy(const QString &name) const;
    QList<Problem> problems() const { return m_problems; }

    // Loads the plugin (if needed), validates `params` (typed, or text from a command line),
    // creates an instance and calls onStart(). Returns nullptr and sets *error on any problem;
    // the run is a child of the host otherwise. failed() of the run is also re-emitted as
    // runFailed().
    StrategyRun *createRun(const QString &name, const QVariantMap &params, QString *error);

    // "fast=5" -> {"fast": "5"} (values stay text; the parameter types convert them).
    static bool parseAssignments(const QStringList &assignments, QVariantMap *params,
                                 QString *error);

signals:
    void runFailed(Candlewick::StrategyRun *run, const QString &message);
    void problemFound(const QString &file, const QString &message);

private:
    struct Plugin
    {
        StrategyInfo info;
        std::unique_ptr<QPluginLoader> loader;
        // The plugin's messages in the language of QLocale(), from the .qm files it carries as
        // resources (:/i18n/<name>_<language>.qm); none for English or when it has none.
        std::unique_ptr<QTranslator> translator;
    };
    void addProblem(const QString &file, const QString &message);
    // Installs `plugin`'s translator for the current QLocale() (its library is loaded).
    static void installTranslator(Plugin &plugin);

    QStringList m_dirs;
    std::vector<Plugin> m_plugins;
    QList<Problem> m_problems;
};

} // namespace Candlewick
