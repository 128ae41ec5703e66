#pragma once

#include <QObject>
#include <QtPlugin>

namespace Candlewick::TestPlugins {

// Some other interface: a Qt plugin with the wrong IID must be reported, not loaded.
class OtherInterface
{
public:
    virtual ~OtherInterface() = default;
    virtual int answer() const = 0;
};

} // namespace Candlewick::TestPlugins

Q_DECLARE_INTERFACE(Candlewick::TestPlugins::OtherInterface, "org.example.Other/1")

namespace Candlewick::TestPlugins {

class WrongIidPlugin : public QObject, public OtherInterface
{
    Q_OBJECT
    Q_PLUGIN_METADATA(IID "org.example.Other/1" FILE "wrongiid.json")
    Q_INTERFACES(Candlewick::TestPlugins::OtherInterface)
public:
    int answer() const override { return 42; }
};

} // namespace Candlewick::TestPlugins
