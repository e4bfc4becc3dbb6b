package dev.evalunit.provider.chatmodel;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.evalunit.api.spi.ModelSpec;
import dev.evalunit.config.ConfigKeys;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import org.apiguardian.api.API;

/**
 * Where a chat model of a framework comes from: the static no-argument method that
 * {@code evalunit.models.NAME.factory} names ({@code com.acme.Models#chatModel}), or the class with a public
 * no-argument constructor that {@code evalunit.models.NAME.class} names. Exactly one of the two. Resolved
 * and checked (class found, method static, return type) before any call; the model itself is made only
 * when a test needs it ({@link #newModel()}).
 */
@API(status = INTERNAL, since = "0.1")
public final class ChatModelSource<M> {

    /** The provider parameter naming a static factory method, {@code Class#method}. */
    public static final String FACTORY = "factory";
    /** The provider parameter naming a class with a public no-argument constructor. */
    public static final String CLASS = "class";

    private final Class<M> type;
    private final String key;
    private final String described;
    private final Method factory;
    private final Constructor<?> constructor;

    private ChatModelSource(Class<M> type, String key, String described, Method factory, Constructor<?> constructor) {
        this.type = type;
        this.key = key;
        this.described = described;
        this.factory = factory;
        this.constructor = constructor;
    }

    /**
     * Resolves the declaration of {@code spec}.
     *
     * @param type the framework's chat model type, e.g. LangChain4j's {@code ChatModel}
     * @throws IllegalArgumentException what is wrong, the key in brackets, and what to do (the engine
     *     words it as a {@code Configuration error} naming the model and the provider)
     */
    public static <M> ChatModelSource<M> of(ModelSpec spec, Class<M> type) {
        String factoryKey = ConfigKeys.modelKey(spec.name(), FACTORY);
        String classKey = ConfigKeys.modelKey(spec.name(), CLASS);
        Object factory = spec.providerParams().get(FACTORY);
        Object className = spec.providerParams().get(CLASS);
        if (factory != null && className != null) {
            throw new IllegalArgumentException("both [" + factoryKey + "] and [" + classKey + "] are set. Keep one of"
                    + " the two");
        }
        if (factory == null && className == null) {
            throw new IllegalArgumentException("neither [" + factoryKey + "] nor [" + classKey + "] is set. Name a"
                    + " static no-argument method returning the " + type.getName() + " (" + factoryKey
                    + "=com.acme.Models#chatModel) or a class of it with a public no-argument constructor ("
                    + classKey + "=com.acme.MyChatModel)");
        }
        return factory != null ? factory(type, factoryKey, factory.toString().strip())
                : constructor(type, classKey, className.toString().strip());
    }

    private static <M> ChatModelSource<M> factory(Class<M> type, String key, String value) {
        int hash = value.indexOf('#');
        if (hash <= 0 || hash == value.length() - 1 || value.indexOf('#', hash + 1) >= 0) {
            throw new IllegalArgumentException("[" + key + "] must be a class and a method, e.g."
                    + " com.acme.Models#chatModel, but was [" + value + "]. Write the class's full name, '#' and the"
                    + " method's name");
        }
        Class<?> owner = load(key, value.substring(0, hash));
        String name = value.substring(hash + 1);
        Method method;
        try {
            method = owner.getDeclaredMethod(name);
        } catch (NoSuchMethodException e) {
            throw new IllegalArgumentException("[" + key + "] names method [" + value + "], but " + owner.getName()
                    + " has no method " + name + "() without parameters. Declare static " + type.getSimpleName() + " "
                    + name + "() in it", e);
        }
        if (!Modifier.isStatic(method.getModifiers())) {
            throw new IllegalArgumentException("[" + key + "] names method [" + value + "], which is not static. Make"
                    + " it static, or name a class with a public no-argument constructor in [" + key.substring(0,
                    key.length() - FACTORY.length()) + CLASS + "] instead");
        }
        if (!type.isAssignableFrom(method.getReturnType())) {
            throw new IllegalArgumentException("[" + key + "] names method [" + value + "], which returns "
                    + method.getReturnType().getName() + ", not a " + type.getName() + ". Return the chat model");
        }
        method.setAccessible(true);
        return new ChatModelSource<>(type, key, "method [" + value + "]", method, null);
    }

    private static <M> ChatModelSource<M> constructor(Class<M> type, String key, String value) {
        Class<?> modelClass = load(key, value);
        if (!type.isAssignableFrom(modelClass)) {
            throw new IllegalArgumentException("[" + key + "] names class [" + value + "], which is not a "
                    + type.getName() + ". Name a class that implements it");
        }
        Constructor<?> constructor;
        try {
            constructor = modelClass.getConstructor();
        } catch (NoSuchMethodException e) {
            constructor = null;
        }
        if (constructor == null || Modifier.isAbstract(modelClass.getModifiers())) {
            throw new IllegalArgumentException("[" + key + "] names class [" + value + "], which has no public"
                    + " no-argument constructor. Add one, or name a static factory method in ["
                    + key.substring(0, key.length() - CLASS.length()) + FACTORY + "] instead");
        }
        constructor.setAccessible(true);
        return new ChatModelSource<>(type, key, "class [" + value + "]", null, constructor);
    }

    private static Class<?> load(String key, String className) {
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        try {
            return Class.forName(className, false, loader != null ? loader : ChatModelSource.class.getClassLoader());
        } catch (ClassNotFoundException | LinkageError e) {
            throw new IllegalArgumentException("[" + key + "] names class [" + className + "], which is not on the"
                    + " test classpath. Write the class's full name (nested classes with '$'), or add its module to the"
                    + " test dependencies", e);
        }
    }

    /**
     * A new chat model: the factory method's return value, or a new instance of the class.
     *
     * @throws IllegalStateException when the method or constructor throws or the method returns
     *     {@code null}, saying which and why
     */
    public M newModel() {
        Object model;
        try {
            model = factory != null ? factory.invoke(null) : constructor.newInstance();
        } catch (InvocationTargetException e) {
            Throwable cause = e.getCause();
            throw new IllegalStateException("[" + key + "]: " + described + " failed: " + cause.getClass().getSimpleName()
                    + (cause.getMessage() == null ? "" : ": " + cause.getMessage()) + ". Fix it so that it makes the"
                    + " chat model", cause);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("[" + key + "]: " + described + " cannot be called: " + e.getMessage(), e);
        }
        if (model == null) {
            throw new IllegalStateException("[" + key + "]: " + described + " returned null. Return the chat model");
        }
        return type.cast(model);
    }

    /** What the model is made by, e.g. {@code method [com.acme.Models#chatModel]}, for messages. */
    public String described() {
        return described;
    }
}
