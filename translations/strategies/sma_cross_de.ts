<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE">
<context>
    <name>SmaCrossStrategy</name>
    <message>
        <source>SMA(%1) %2 crossed above SMA(%3) %4</source>
        <translation>SMA(%1) %2 kreuzte SMA(%3) %4 nach oben</translation>
    </message>
    <message>
        <source>SMA(%1) %2 crossed below SMA(%3) %4</source>
        <translation>SMA(%1) %2 kreuzte SMA(%3) %4 nach unten</translation>
    </message>
</context>
</TS>
