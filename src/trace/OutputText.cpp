#include "OutputText.h"

#include <algorithm>
#include <cstring>

namespace conlab {

namespace {
void pack(Event &e, const char *bytes, std::size_t count)
{
    char chunk[OutputText::kBytesPerEvent] = {};
    std::memcpy(chunk, bytes, count);
    std::memcpy(&e.object, chunk, 4);
    std::memcpy(&e.value, chunk + 4, 4);
    std::memcpy(&e.arg, chunk + 8, 8);
}
} // namespace

std::vector<Event> OutputText::encode(std::uint32_t worker, std::uint64_t timeNs,
                                      std::string_view text, EventKind first, EventKind more)
{
    text = text.substr(0, kMaxBytes);
    std::vector<Event> events;
    for (std::size_t offset = 0, chunk = 0; offset < text.size() || chunk == 0;
         offset += kBytesPerEvent, ++chunk) {
        Event e;
        e.timeNs = timeNs;
        e.worker = worker;
        e.kind = chunk == 0 ? first : more;
        e.reason = chunk == 0 ? std::uint16_t(text.size()) : std::uint16_t(chunk);
        const std::size_t count =
            std::min(kBytesPerEvent, text.size() - std::min(offset, text.size()));
        pack(e, text.data() + std::min(offset, text.size()), count);
        events.push_back(e);
    }
    return events;
}

void OutputText::appendChunk(const Event &e, std::size_t total, std::string &text)
{
    if (text.size() >= total)
        return;
    char chunk[kBytesPerEvent];
    std::memcpy(chunk, &e.object, 4);
    std::memcpy(chunk + 4, &e.value, 4);
    std::memcpy(chunk + 8, &e.arg, 8);
    text.append(chunk, std::min(kBytesPerEvent, total - text.size()));
}

} // namespace conlab
