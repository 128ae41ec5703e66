#pragma once

#include <QDialog>

class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;

namespace Candlewick {

// Preferences kept in QSettings: database (an SQLite file or a postgresql:// URL), REST/WS base
// URLs, proxy, plugin directories, language and theme. load() fills the form from QSettings,
// save() writes it back. A URL's password is edited in a field of its own that hides it.
class PreferencesDialog : public QDialog
{
    Q_OBJECT
public:
    explicit PreferencesDialog(QWidget *parent = nullptr);

    void load();
    void save() const;

    // The file path or URL, with the password put back into the URL.
    QString databasePath() const;
    void setDatabasePath(const QString &path);
    // Why the database field cannot be saved; empty when it can.
    QString databaseError() const;
    QString restUrl() const;
    void setRestUrl(const QString &url);
    QString wsUrl() const;
    void setWsUrl(const QString &url);
    QString proxy() const;
    void setProxy(const QString &proxy);
    QStringList pluginDirectories() const;
    void setPluginDirectories(const QStringList &dirs);
    QString language() const; // "", "en", "de", "zh_CN"
    void setLanguage(const QString &language);
    QString theme() const; // "light" or "dark"
    void setTheme(const QString &theme);

    void accept() override;

private:
    void checkDatabase();

    QLineEdit *m_database;
    QLineEdit *m_databasePassword;
    QLabel *m_databaseError;
    QPushButton *m_ok = nullptr;
    QLineEdit *m_restUrl;
    QLineEdit *m_wsUrl;
    QLineEdit *m_proxy;
    QLineEdit *m_pluginDirs;
    QComboBox *m_language;
    QComboBox *m_theme;
};

} // namespace Candlewick
