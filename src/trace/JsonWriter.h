#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace conlab {

// Writes one JSON value into a string, compactly (the runner's summary is one line).
// Keeps the recording side free of any JSON library.
class JsonWriter
{
public:
    JsonWriter &beginObject();
    JsonWriter &endObject();
    JsonWriter &beginArray();
    JsonWriter &endArray();
    JsonWriter &key(std::string_view name);
    JsonWriter &value(std::string_view text);
    JsonWriter &value(const char *text) { return value(std::string_view(text)); }
    JsonWriter &value(std::int64_t number);
    JsonWriter &value(std::uint64_t number);
    JsonWriter &value(int number) { return value(std::int64_t(number)); }
    JsonWriter &value(std::uint32_t number) { return value(std::uint64_t(number)); }
    JsonWriter &value(double number);
    JsonWriter &value(bool flag);
    JsonWriter &null();
    // Inserts already-serialised JSON as the next value.
    JsonWriter &raw(std::string_view json);

    const std::string &text() const { return m_text; }
    static std::string escape(std::string_view text);

private:
    void separate();
    std::string m_text;
    std::vector<bool> m_first; // per open container: no value written yet
    bool m_afterKey = false;
};

} // namespace conlab
