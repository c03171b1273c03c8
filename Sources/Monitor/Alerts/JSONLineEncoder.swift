import Foundation
import ReputationCore

/// Vigía's JSON writer: the bytes Foundation's `JSONEncoder` writes with `.sortedKeys` and `.withoutEscapingSlashes`
/// (dates as `ISOTime`, URLs as their absolute string, data as base64, the same escapes and numbers), about five times
/// faster. Foundation's encoder was a third of a busy first poll's CPU: every mention, task event and checkpoint line
/// goes through here, and `JSONLineEncoderTests` holds it to Foundation's bytes on the records Vigía writes.
///
/// Each object and array is written into a buffer of its own as its values are encoded, and its keys are sorted when
/// it is done, so a nested container used after its parent went on (which the `Encoder` API allows) still lands in
/// its place. With `sortedKeys` off, keys stay in the order encoded (Foundation's order is its dictionary's).
package struct JSONLineEncoder: Sendable {
    package var sortedKeys: Bool

    package init(sortedKeys: Bool = true) {
        self.sortedKeys = sortedKeys
    }

    package func encode<T: Encodable>(_ value: T) throws -> Data {
        var bytes: [UInt8] = []
        try encode(value, into: &bytes)
        return Data(bytes)
    }

    /// Appends the value's JSON to `bytes`.
    package func encode<T: Encodable>(_ value: T, into bytes: inout [UInt8]) throws {
        try JSONValueWriter.write(value, into: &bytes, sortedKeys: sortedKeys, path: .root)
    }
}

/// One value's bytes: scalars at once, anything else through an encoder whose containers are assembled afterwards.
enum JSONValueWriter {
    static func write<T: Encodable>(_ value: T, into bytes: inout [UInt8], sortedKeys: Bool, path: JSONPath) throws {
        // The types `JSONEncoder` writes by its own rules rather than by their `encode(to:)` (told by their metatype:
        // a cast of every value was a tenth of the encoding).
        if T.self == Date.self {
            JSONText.string(ISOTime.format(value as! Date), into: &bytes)
        } else if T.self == URL.self {
            JSONText.string((value as! URL).absoluteString, into: &bytes)
        } else if T.self == Data.self {
            JSONText.string((value as! Data).base64EncodedString(), into: &bytes)
        } else if T.self == Decimal.self {
            bytes.append(contentsOf: (value as! Decimal).description.utf8)
        } else {
            let encoder = JSONNodeEncoder(sortedKeys: sortedKeys, path: path)
            try value.encode(to: encoder)
            try encoder.node.write(into: &bytes)
        }
    }
}

/// Where a value is, built only when asked (an error, a type that reads its `codingPath`): each nested value
/// otherwise allocated its path.
struct JSONPath {
    let parent: JSONNodeEncoder?
    let key: (any CodingKey)?

    static var root: JSONPath { JSONPath(parent: nil, key: nil) }

    var keys: [any CodingKey] { (parent?.codingPath ?? []) + (key.map { [$0] } ?? []) }
}

/// What an encoder was given: nothing yet (written `{}`, as Foundation does), one value's bytes, or a container.
enum JSONNode {
    case empty
    case bytes([UInt8])
    case object(JSONObjectBox)
    case array(JSONArrayBox)

    func write(into out: inout [UInt8]) throws {
        switch self {
        case .empty: out.append(contentsOf: [0x7B, 0x7D])
        case .bytes(let bytes): out.append(contentsOf: bytes)
        case .object(let object): try object.write(into: &out)
        case .array(let array): try array.write(into: &out)
        }
    }
}

/// An object's members as encoded: each a key and its bytes (a range of `buffer`), or a container handed out by
/// `nestedContainer`/`superEncoder`, written when the object is.
final class JSONObjectBox {
    let sortedKeys: Bool
    var buffer: [UInt8] = []
    var members: [(key: String, range: Range<Int>, node: JSONNodeEncoder?)] = []

    init(sortedKeys: Bool) {
        self.sortedKeys = sortedKeys
    }

    func write(into out: inout [UInt8]) throws {
        out.append(0x7B)
        var order = Array(members.indices)
        if sortedKeys {
            // By UTF-8 bytes, as Foundation sorts (not String's `<`, which orders by normalized scalars); a key
            // encoded twice keeps its last value, as in Foundation's dictionary of members.
            order.sort { a, b in
                members[a].key == members[b].key ? a < b : members[a].key.utf8.lexicographicallyPrecedes(members[b].key.utf8)
            }
            order = order.indices.filter { $0 + 1 == order.count || members[order[$0]].key != members[order[$0 + 1]].key }
                .map { order[$0] }
        }
        for (position, index) in order.enumerated() {
            if position > 0 { out.append(0x2C) }
            let member = members[index]
            JSONText.string(member.key, into: &out)
            out.append(0x3A)
            if let node = member.node { try node.node.write(into: &out) } else { out.append(contentsOf: buffer[member.range]) }
        }
        out.append(0x7D)
    }
}

/// An array's elements as encoded, in order (ranges of `buffer`, or containers handed out for later).
final class JSONArrayBox {
    var buffer: [UInt8] = []
    var elements: [(range: Range<Int>, node: JSONNodeEncoder?)] = []

    func write(into out: inout [UInt8]) throws {
        out.append(0x5B)
        for (position, element) in elements.enumerated() {
            if position > 0 { out.append(0x2C) }
            if let node = element.node { try node.node.write(into: &out) } else { out.append(contentsOf: buffer[element.range]) }
        }
        out.append(0x5D)
    }
}

/// The `Encoder` one value is encoded to.
final class JSONNodeEncoder: Encoder {
    let sortedKeys: Bool
    let path: JSONPath
    var codingPath: [any CodingKey] { path.keys }
    var userInfo: [CodingUserInfoKey: Any] { [:] }
    var node: JSONNode = .empty

    init(sortedKeys: Bool, path: JSONPath) {
        self.sortedKeys = sortedKeys
        self.path = path
    }

    /// The path of a value inside this one.
    func child(_ key: any CodingKey) -> JSONPath { JSONPath(parent: self, key: key) }

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        if case .object(let object) = node { return KeyedEncodingContainer(JSONKeyedContainer(object, encoder: self)) }
        let object = JSONObjectBox(sortedKeys: sortedKeys)
        node = .object(object)
        return KeyedEncodingContainer(JSONKeyedContainer(object, encoder: self))
    }

    func unkeyedContainer() -> any UnkeyedEncodingContainer {
        if case .array(let array) = node { return JSONUnkeyedContainer(array, encoder: self) }
        let array = JSONArrayBox()
        node = .array(array)
        return JSONUnkeyedContainer(array, encoder: self)
    }

    func singleValueContainer() -> any SingleValueEncodingContainer { JSONSingleContainer(encoder: self) }
}

struct JSONKeyedContainer<Key: CodingKey>: KeyedEncodingContainerProtocol {
    let object: JSONObjectBox
    let encoder: JSONNodeEncoder
    var codingPath: [any CodingKey] { encoder.codingPath }

    init(_ object: JSONObjectBox, encoder: JSONNodeEncoder) {
        self.object = object
        self.encoder = encoder
    }

    private func member(_ key: Key, _ write: (inout [UInt8]) throws -> Void) rethrows {
        let start = object.buffer.count
        try write(&object.buffer)
        object.members.append((key.stringValue, start..<object.buffer.count, nil))
    }

    mutating func encodeNil(forKey key: Key) throws { member(key) { $0.append(contentsOf: JSONText.null) } }
    mutating func encode(_ value: Bool, forKey key: Key) throws { member(key) { JSONText.bool(value, into: &$0) } }
    mutating func encode(_ value: String, forKey key: Key) throws { member(key) { JSONText.string(value, into: &$0) } }
    mutating func encode(_ value: Double, forKey key: Key) throws {
        try member(key) { try JSONText.float(value, into: &$0, path: codingPath + [key]) }
    }
    mutating func encode(_ value: Float, forKey key: Key) throws {
        try member(key) { try JSONText.float(value, into: &$0, path: codingPath + [key]) }
    }
    mutating func encode(_ value: Int, forKey key: Key) throws { member(key) { JSONText.integer(value, into: &$0) } }
    mutating func encode(_ value: Int8, forKey key: Key) throws { member(key) { JSONText.integer(value, into: &$0) } }
    mutating func encode(_ value: Int16, forKey key: Key) throws { member(key) { JSONText.integer(value, into: &$0) } }
    mutating func encode(_ value: Int32, forKey key: Key) throws { member(key) { JSONText.integer(value, into: &$0) } }
    mutating func encode(_ value: Int64, forKey key: Key) throws { member(key) { JSONText.integer(value, into: &$0) } }
    mutating func encode(_ value: UInt, forKey key: Key) throws { member(key) { JSONText.integer(value, into: &$0) } }
    mutating func encode(_ value: UInt8, forKey key: Key) throws { member(key) { JSONText.integer(value, into: &$0) } }
    mutating func encode(_ value: UInt16, forKey key: Key) throws { member(key) { JSONText.integer(value, into: &$0) } }
    mutating func encode(_ value: UInt32, forKey key: Key) throws { member(key) { JSONText.integer(value, into: &$0) } }
    mutating func encode(_ value: UInt64, forKey key: Key) throws { member(key) { JSONText.integer(value, into: &$0) } }

    mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws {
        let path = encoder.child(key)
        try member(key) { try JSONValueWriter.write(value, into: &$0, sortedKeys: encoder.sortedKeys, path: path) }
    }

    private func deferred(_ key: any CodingKey) -> JSONNodeEncoder {
        let child = JSONNodeEncoder(sortedKeys: encoder.sortedKeys, path: encoder.child(key))
        object.members.append((key.stringValue, 0..<0, child))
        return child
    }

    mutating func nestedContainer<NestedKey: CodingKey>(
        keyedBy keyType: NestedKey.Type, forKey key: Key
    ) -> KeyedEncodingContainer<NestedKey> {
        deferred(key).container(keyedBy: keyType)
    }

    mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer { deferred(key).unkeyedContainer() }
    mutating func superEncoder() -> any Encoder { deferred(JSONIndexKey(string: "super")) }
    mutating func superEncoder(forKey key: Key) -> any Encoder { deferred(key) }
}

struct JSONUnkeyedContainer: UnkeyedEncodingContainer {
    let array: JSONArrayBox
    let encoder: JSONNodeEncoder
    var codingPath: [any CodingKey] { encoder.codingPath }
    var count: Int { array.elements.count }

    init(_ array: JSONArrayBox, encoder: JSONNodeEncoder) {
        self.array = array
        self.encoder = encoder
    }

    private func element(_ write: (inout [UInt8]) throws -> Void) rethrows {
        let start = array.buffer.count
        try write(&array.buffer)
        array.elements.append((start..<array.buffer.count, nil))
    }

    private var nextKey: any CodingKey { JSONIndexKey(index: count) }

    mutating func encodeNil() throws { element { $0.append(contentsOf: JSONText.null) } }
    mutating func encode(_ value: Bool) throws { element { JSONText.bool(value, into: &$0) } }
    mutating func encode(_ value: String) throws { element { JSONText.string(value, into: &$0) } }
    mutating func encode(_ value: Double) throws { try element { try JSONText.float(value, into: &$0, path: codingPath + [nextKey]) } }
    mutating func encode(_ value: Float) throws { try element { try JSONText.float(value, into: &$0, path: codingPath + [nextKey]) } }
    mutating func encode(_ value: Int) throws { element { JSONText.integer(value, into: &$0) } }
    mutating func encode(_ value: Int8) throws { element { JSONText.integer(value, into: &$0) } }
    mutating func encode(_ value: Int16) throws { element { JSONText.integer(value, into: &$0) } }
    mutating func encode(_ value: Int32) throws { element { JSONText.integer(value, into: &$0) } }
    mutating func encode(_ value: Int64) throws { element { JSONText.integer(value, into: &$0) } }
    mutating func encode(_ value: UInt) throws { element { JSONText.integer(value, into: &$0) } }
    mutating func encode(_ value: UInt8) throws { element { JSONText.integer(value, into: &$0) } }
    mutating func encode(_ value: UInt16) throws { element { JSONText.integer(value, into: &$0) } }
    mutating func encode(_ value: UInt32) throws { element { JSONText.integer(value, into: &$0) } }
    mutating func encode(_ value: UInt64) throws { element { JSONText.integer(value, into: &$0) } }

    mutating func encode<T: Encodable>(_ value: T) throws {
        let path = encoder.child(nextKey)
        try element { try JSONValueWriter.write(value, into: &$0, sortedKeys: encoder.sortedKeys, path: path) }
    }

    private func deferred() -> JSONNodeEncoder {
        let child = JSONNodeEncoder(sortedKeys: encoder.sortedKeys, path: encoder.child(nextKey))
        array.elements.append((0..<0, child))
        return child
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type) -> KeyedEncodingContainer<NestedKey> {
        deferred().container(keyedBy: keyType)
    }

    mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer { deferred().unkeyedContainer() }
    mutating func superEncoder() -> any Encoder { deferred() }
}

struct JSONSingleContainer: SingleValueEncodingContainer {
    let encoder: JSONNodeEncoder
    var codingPath: [any CodingKey] { encoder.codingPath }

    private func value(_ write: (inout [UInt8]) throws -> Void) rethrows {
        var bytes: [UInt8] = []
        try write(&bytes)
        encoder.node = .bytes(bytes)
    }

    mutating func encodeNil() throws { value { $0.append(contentsOf: JSONText.null) } }
    mutating func encode(_ value: Bool) throws { self.value { JSONText.bool(value, into: &$0) } }
    mutating func encode(_ value: String) throws { self.value { JSONText.string(value, into: &$0) } }
    mutating func encode(_ value: Double) throws { try self.value { try JSONText.float(value, into: &$0, path: codingPath) } }
    mutating func encode(_ value: Float) throws { try self.value { try JSONText.float(value, into: &$0, path: codingPath) } }
    mutating func encode(_ value: Int) throws { self.value { JSONText.integer(value, into: &$0) } }
    mutating func encode(_ value: Int8) throws { self.value { JSONText.integer(value, into: &$0) } }
    mutating func encode(_ value: Int16) throws { self.value { JSONText.integer(value, into: &$0) } }
    mutating func encode(_ value: Int32) throws { self.value { JSONText.integer(value, into: &$0) } }
    mutating func encode(_ value: Int64) throws { self.value { JSONText.integer(value, into: &$0) } }
    mutating func encode(_ value: UInt) throws { self.value { JSONText.integer(value, into: &$0) } }
    mutating func encode(_ value: UInt8) throws { self.value { JSONText.integer(value, into: &$0) } }
    mutating func encode(_ value: UInt16) throws { self.value { JSONText.integer(value, into: &$0) } }
    mutating func encode(_ value: UInt32) throws { self.value { JSONText.integer(value, into: &$0) } }
    mutating func encode(_ value: UInt64) throws { self.value { JSONText.integer(value, into: &$0) } }

    mutating func encode<T: Encodable>(_ value: T) throws {
        let path = encoder.path, sorted = encoder.sortedKeys
        try self.value { try JSONValueWriter.write(value, into: &$0, sortedKeys: sorted, path: path) }
    }
}

/// An array index or `super` in a coding path.
struct JSONIndexKey: CodingKey {
    var stringValue: String
    var intValue: Int?
    init(index: Int) {
        stringValue = "Index \(index)"
        intValue = index
    }
    init(string: String) {
        stringValue = string
        intValue = nil
    }
    init?(stringValue: String) { self.init(string: stringValue) }
    init?(intValue: Int) { self.init(index: intValue) }
}
