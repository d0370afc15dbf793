import XCTest
@testable import KaifangKit
