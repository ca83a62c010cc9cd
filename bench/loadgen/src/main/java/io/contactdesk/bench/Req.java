package io.contactdesk.bench;

import java.io.*;
import java.net.*;
import java.nio.file.*;
import java.sql.*;
import java.time.*;
import java.util.*;
import java.util.concurrent.*;
import java.util.concurrent.atomic.*;
import java.util.function.*;
import java.util.regex.*;

/** One HTTP request, as the suite sends it. */
record Req(String method, String path, List<String> headers, byte[] body) {}
