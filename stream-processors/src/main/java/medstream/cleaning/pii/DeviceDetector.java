package medstream.cleaning.pii;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds IP addresses (IPv4 anywhere, IPv6 after its label), device identifiers and serial numbers after their label
 * (serial number, S/N, UDI, IMEI, device ID, 序列号, 设备编号 ...), and vehicle identifiers: licence plates and VINs
 * after their label, Chinese plates anywhere (province character, letter, five or six letters and digits). Values
 * must hold a digit, so "serial measurements" or "plate count" stay.
 */
final class DeviceDetector implements PiiDetector {

    private static final Pattern IPV4 = Pattern.compile(
            "(?<![\\d.])(?:(?:25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)\\.){3}(?:25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)"
                    + "(?![\\d]|\\.\\d)");
    private static final Pattern IPV6 = Pattern.compile(
            "(?i)\\bIP(?:v6)?(?: address)?\\s*[:#]?\\s*(?<v>[0-9a-f]{1,4}(?::[0-9a-f]{0,4}){2,7})");
    private static final String VALUE = "(?<v>(?=[A-Z0-9-]*\\d)[A-Z0-9][A-Z0-9-/.]{2,30}[A-Z0-9])(?![A-Za-z0-9])";
    private static final Pattern DEVICE = Pattern.compile(
            "(?:\\b(?i:serial(?: number| no\\.?| #)?|S/N|SN|UDI|IMEI|device (?:id|identifier|serial)|implant id"
                    + "|pacemaker (?:id|serial)|generator serial|lead serial)(?![A-Za-z])|序列号|设备编号|器械编号|植入物编号|设备序列号)"
                    + "\\s*(?:[:#：]|is|was)?\\s*(?:#\\s*)?" + VALUE);
    private static final Pattern VEHICLE = Pattern.compile(
            "(?:\\b(?i:licen[cs]e plate(?: number| no\\.?| #)?|plate (?:number|no\\.?|#)|tag number|VIN"
                    + "|vehicle identification number|vehicle id)(?![A-Za-z])|车牌号码|车牌号|车牌)"
                    + "\\s*(?:[:#：]|is|was)?\\s*(?<v>(?=[A-Z0-9 -]*\\d)[A-Z0-9\\u4e00-\\u9fa5][A-Z0-9 ·-]{2,16}[A-Z0-9])"
                    + "(?![A-Za-z0-9])"
                    + "|(?<![A-Za-z0-9])[京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼][A-Z]·?"
                    + "(?=[A-Z0-9]*\\d)[A-Z0-9]{5,6}(?![A-Za-z0-9])");

    @Override
    public void find(String text, List<PiiMatch> out) {
        if (!DateDetector.hasDigit(text)) {
            return;
        }
        if (text.indexOf('.') >= 0) {
            add(IPV4.matcher(text), PiiType.IP, false, out);
        }
        if (text.indexOf("::") >= 0 || text.indexOf("IP") >= 0 || text.indexOf("ip") >= 0) {
            add(IPV6.matcher(text), PiiType.IP, true, out);
        }
        add(DEVICE.matcher(text), PiiType.DEVICE, true, out);
        add(VEHICLE.matcher(text), PiiType.VEHICLE, true, out);
    }

    /** Adds each match, only its value group "v" where the pattern has one and it took part. */
    private static void add(Matcher m, PiiType type, boolean hasValue, List<PiiMatch> out) {
        while (m.find()) {
            boolean value = hasValue && m.start("v") >= 0;
            out.add(new PiiMatch(type, value ? m.start("v") : m.start(), value ? m.end("v") : m.end()));
        }
    }
}
